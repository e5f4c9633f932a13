/**
 * The respondents' pages of a campaign, plain HTML in the respondent's language until the
 * answering pages render the survey there: the personal link (/s/{token}), the open link
 * (/c/{code}) and unsubscribing (/u/{token}: GET asks, only POST unsubscribes). The token part
 * of these URLs is redacted from request logs, and the pages send no Referer onwards.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isRtl, matchLanguage } from '../../i18n/index.js';
import { escapeHtml, type I18n } from './messages.js';
import type { Links } from './links.js';
import type { VersionCache } from '../responses/versions.js';

const STYLE = 'body{font-family:system-ui,sans-serif;font-size:1.05rem;line-height:1.5;margin:0 auto;padding:1rem;max-width:36rem;color:#1a1a1a}' +
  'button{font-size:1.05rem;padding:.75rem 1.25rem;border-radius:.5rem;border:2px solid #1f4e8c;background:#1f4e8c;color:#fff;min-height:44px}' +
  'button:focus-visible{outline:3px solid #f5a623;outline-offset:2px}h1{font-size:1.4rem}';

export function page(reply: FastifyReply, status: number, language: string, title: string, body: string) {
  const dir = isRtl(language) ? 'rtl' : 'ltr';
  return reply.code(status).type('text/html; charset=utf-8')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
    .send(`<!doctype html><html lang="${escapeHtml(language)}" dir="${dir}"><head><meta charset="utf-8">` +
      `<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">` +
      `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`);
}

const p = (text: string) => `<p>${escapeHtml(text)}</p>`;

/** A name inserted into a sentence keeps its own direction (a Latin name in Arabic text): Unicode first-strong isolate. */
const isolate = (name: string) => `\u2068${name}\u2069`;

interface Deps { links: Links; i18n: I18n; versions: VersionCache; clock: () => Date }

const pagesRoutes: FastifyPluginAsync<Deps> = async (app, { links, i18n, versions, clock }) => {
  const PUBLIC = { auth: 'public' as const };
  const hide = { hide: true };
  // RFC 8058 one-click unsubscribe posts a form body
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  /** The respondent's language: ?lang= among the campaign's, else Accept-Language, else the campaign's first. */
  function chosen(request: FastifyRequest, offered: string[], preferred?: string): string {
    const asked = (request.query as { lang?: string }).lang;
    const accepted = (request.headers['accept-language'] ?? '').split(',').map((part) => part.split(';')[0].trim()).filter(Boolean);
    for (const tag of [asked, preferred, ...accepted]) {
      const match = matchLanguage(tag, offered);
      if (match) return match;
    }
    return offered[0] ?? 'en';
  }

  const invalidPage = (reply: FastifyReply, request: FastifyRequest, result: 'limited' | undefined) => {
    const language = chosen(request, ['en', 'sv', 'pl', 'lt', 'ar', 'fa', 'uk', 'ru', 'ti', 'so', 'tr', 'fr']);
    return result === 'limited'
      ? page(reply, 429, language, i18n.t(language, 'pages.invalid.title'), p(i18n.t(language, 'pages.tooMany')))
      : page(reply, 404, language, i18n.t(language, 'pages.invalid.title'), p(i18n.t(language, 'pages.invalid.body')));
  };

  app.get<{ Params: { token: string } }>('/s/:token', { config: PUBLIC, schema: hide }, async (request, reply) => {
    const r = links.invitation(request.params.token, request.ip);
    if (!r || r === 'limited') return invalidPage(reply, request, r);
    const { found: inv, campaign, partner } = r;
    const language = chosen(request, campaign.languages, inv.language);
    const vars = { partner: isolate(partner.name), survey: versions.title(campaign.versionId, language) };
    links.opened(inv);
    const title = i18n.t(language, 'pages.invitation.title', vars);
    if (inv.completed) return page(reply, 200, language, title, p(i18n.t(language, 'pages.completed')));
    if (campaign.state === 'closed' || (campaign.closesAt && new Date(campaign.closesAt) <= clock())) return page(reply, 410, language, title, p(i18n.t(language, 'pages.closed')));
    return page(reply, 200, language, title, p(i18n.t(language, 'pages.invitation.intro', vars)) + p(i18n.t(language, 'pages.invitation.soon')));
  });

  app.get<{ Params: { code: string } }>('/c/:code', { config: PUBLIC, schema: hide }, async (request, reply) => {
    const r = links.openLink(request.params.code, request.ip);
    if (!r || r === 'limited') return invalidPage(reply, request, r);
    const { campaign, partner } = r;
    const language = chosen(request, campaign.languages);
    const vars = { partner: isolate(partner.name), survey: versions.title(campaign.versionId, language) };
    const title = i18n.t(language, 'pages.invitation.title', vars);
    if (campaign.state === 'closed') return page(reply, 410, language, title, p(i18n.t(language, 'pages.closed')));
    if (campaign.state !== 'running') return page(reply, 200, language, title, p(i18n.t(language, 'pages.notStarted')));
    return page(reply, 200, language, title, p(i18n.t(language, 'pages.open.intro', vars)) + p(i18n.t(language, 'pages.invitation.soon')));
  });

  app.get<{ Params: { token: string } }>('/u/:token', { config: PUBLIC, schema: hide }, async (request, reply) => {
    const r = links.invitation(request.params.token, request.ip);
    if (!r || r === 'limited') return invalidPage(reply, request, r);
    const language = chosen(request, r.campaign.languages, r.found.language);
    const title = i18n.t(language, 'pages.unsubscribe.title');
    if (r.found.optedOut) return page(reply, 200, language, title, p(i18n.t(language, 'pages.unsubscribe.done', { partner: isolate(r.partner.name) })));
    return page(reply, 200, language, title, p(i18n.t(language, 'pages.unsubscribe.question', { partner: isolate(r.partner.name) })) +
      `<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${escapeHtml(i18n.t(language, 'pages.unsubscribe.confirm'))}</button></form>`);
  });

  app.post<{ Params: { token: string } }>('/u/:token', { config: PUBLIC, schema: hide }, async (request, reply) => {
    const r = links.invitation(request.params.token, request.ip);
    if (!r || r === 'limited') return invalidPage(reply, request, r);
    links.unsubscribe(r.found);
    const language = chosen(request, r.campaign.languages, r.found.language);
    return page(reply, 200, language, i18n.t(language, 'pages.unsubscribe.title'), p(i18n.t(language, 'pages.unsubscribe.done', { partner: isolate(r.partner.name) })));
  });
};

export default pagesRoutes;
