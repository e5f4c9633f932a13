/**
 * Unsubscribing through the link in every message (/u/{token}): the GET asks, only a POST
 * unsubscribes (RFC 8058 one-click posts a form body). The token part of the URL is redacted
 * from request logs, and the pages send no Referer onwards.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { I18n } from '../../i18n/index.js';
import type { Links } from './links.js';
import type { Assets } from '../../plugins/assets.js';
import { chooseLanguage } from '../respond/language.js';
import { invalidPage, isolate, messagePage } from '../respond/reply.js';

const unsubscribePages: FastifyPluginAsync<{ links: Links; i18n: I18n; assets: Assets }> = async (app, { links, i18n, assets }) => {
  const PUBLIC = { auth: 'public' as const };
  const hide = { hide: true };
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.get<{ Params: { token: string } }>('/u/:token', { config: PUBLIC, schema: hide }, async (request, reply) => {
    const r = links.invitation(request.params.token, request.ip);
    if (!r || r === 'limited') return invalidPage(reply, request, assets, i18n, r === 'limited');
    const { tag } = chooseLanguage(request, r.campaign.languages, r.found.language);
    const partner = isolate(r.partner.name);
    const title = i18n.t(tag, 'pages.unsubscribe.title');
    if (r.found.optedOut) return messagePage(reply, assets, 200, tag, title, <p>{i18n.t(tag, 'pages.unsubscribe.done', { partner })}</p>);
    return messagePage(reply, assets, 200, tag, title, (
      <>
        <p>{i18n.t(tag, 'pages.unsubscribe.question', { partner })}</p>
        <form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click" /><button type="submit">{i18n.t(tag, 'pages.unsubscribe.confirm')}</button></form>
      </>
    ));
  });

  app.post<{ Params: { token: string } }>('/u/:token', { config: PUBLIC, schema: hide }, async (request, reply) => {
    const r = links.invitation(request.params.token, request.ip);
    if (!r || r === 'limited') return invalidPage(reply, request, assets, i18n, r === 'limited');
    links.unsubscribe(r.found);
    const { tag } = chooseLanguage(request, r.campaign.languages, r.found.language);
    return messagePage(reply, assets, 200, tag, i18n.t(tag, 'pages.unsubscribe.title'), <p>{i18n.t(tag, 'pages.unsubscribe.done', { partner: isolate(r.partner.name) })}</p>);
  });
};

export default unsubscribePages;
