import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { databaseReadiness, type Db } from '../../db/client.js';

/** Liveness and readiness for process supervisors and load balancers. */
const healthRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get('/healthz', {
    config: { auth: 'public' },
    schema: { tags: ['health'], summary: 'The process is alive', response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));

  const Readiness = Type.Object({ status: Type.String(), migrationsApplied: Type.Integer(), migrationsExpected: Type.Integer() });
  app.get('/readyz', {
    config: { auth: 'public' },
    schema: { tags: ['health'], summary: 'The database answers and every migration is applied', response: { 200: Readiness, 503: Readiness } },
  }, async (_request, reply) => {
    const r = databaseReadiness(db);
    if (!r.ok) reply.code(503);
    return { status: r.ok ? 'ready' : 'not ready', migrationsApplied: r.applied, migrationsExpected: r.expected };
  });
};

export default healthRoutes;
