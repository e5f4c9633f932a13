import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './server/db/schema/index.ts',
  // The schema test generates into a copy, to see whether the schema has drifted from the migrations.
  out: process.env.DRIZZLE_OUT ?? './migrations',
});
