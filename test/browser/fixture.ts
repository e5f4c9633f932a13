/**
 * The real service on a real port for browser tests: the example surveys loaded, a partner with
 * a list of contacts, a running campaign over the migrant survey (personal and open links), and
 * the invitations received by a real SMTP server on loopback.
 */
import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { loadExampleSurveys } from '../../server/bootstrap.js';
import { createList, createPartner, createUser } from '../helper.js';
import { startSmtp, type Sink } from '../server/modules/mail/smtp.js';

export const ADMIN_SCOPE = { userId: null, role: 'admin' as const, partnerId: null };

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Fixture {
  app: FastifyInstance;
  origin: string;
  smtp: Sink;
  /** personal links by contact email */
  links: Map<string, string>;
  openLink: string;
  campaignId: string;
  coordinator: ReturnType<typeof createUser>;
  listId: string;
  close(): Promise<void>;
}

export async function startFixture(dataDir: string, contacts: { email: string; language: string }[], campaign: Record<string, unknown> = {}): Promise<Fixture> {
  const smtp = await startSmtp();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const config = loadConfig({ RELAY_DATA_DIR: dataDir, RELAY_LOG_LEVEL: 'silent', RELAY_PUBLIC_URL: origin, PORT: String(port), RELAY_SMTP_URL: smtp.url, RELAY_MAIL_RATE: '0' });
  const app = await buildApp(config);
  loadExampleSurveys(app);
  await app.listen({ port, host: '127.0.0.1' });
  const partner = createPartner(app);
  const coordinator = createUser(app, 'coordinator', partner.id);
  const list = createList(app, partner.id, 'Migrants');
  for (const c of contacts) app.services.contacts.create(list.id, { email: c.email, language: c.language }, ADMIN_SCOPE);
  const res = await fetch(`${origin}/api/campaigns`, {
    method: 'POST', headers: { authorization: coordinator.bearer, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Browser', survey: 'migrant-experience', listIds: [list.id], languages: ['en', 'ar', 'sv', 'uk'], replyTo: 'office@example.org', ...campaign }),
  });
  if (res.status !== 201) throw new Error(`campaign: ${res.status} ${await res.text()}`);
  const created = await res.json() as { id: string; openLink: string };
  const started = await fetch(`${origin}/api/campaigns/${created.id}/start`, { method: 'POST', headers: { authorization: coordinator.bearer } });
  if (started.status !== 200) throw new Error(`start: ${started.status} ${await started.text()}`);
  const deadline = Date.now() + 15_000;
  while (smtp.received.length < contacts.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  const links = new Map<string, string>();
  for (const message of smtp.received) {
    const link = new RegExp(`${origin.replace(/[.:/]/g, '\\$&')}/s/[A-Za-z0-9_-]+`).exec(message.mail.text ?? '')?.[0];
    if (link) links.set(message.to[0], link);
  }
  return {
    app, origin, smtp, links, openLink: created.openLink, campaignId: created.id, coordinator, listId: list.id,
    async close() { await app.close(); await smtp.close(); },
  };
}
