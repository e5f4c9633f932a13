/**
 * The survey pages respondents open: the personal link (/s/{token}), the open link (/c/{code}),
 * and the preview of any version, draft or published, for signed-in staff (/preview/{slug}/{version}),
 * which stores nothing. Each renders the current page on the server, in the respondent's language.
 */
import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isRtl, languageName, readLocale, UI_LANGUAGES, type I18n } from '../../i18n/index.js';
import type { Boot, Mode, PrivacyNotice } from '../../../client/respond/boot.js';
import type { Links } from '../campaigns/links.js';
import type { VersionCache, ServedVersion } from '../responses/versions.js';
import type { ResponsesService } from '../responses/service.js';
import type { SurveysService } from '../surveys/service.js';
import type { Assets } from '../../plugins/assets.js';
import { chooseLanguage, LANGUAGE_COOKIE, textsLocale } from './language.js';
import { invalidPage, isolate, messagePage, sendHtml } from './reply.js';
import { PREVIEW_CSP, surveyDocument } from './render.js';
import { createPreviews, draftPayloads } from './preview.js';
import { compileSurvey } from '../surveys/compiler/compile.js';
import { notFound } from '../../errors.js';
import { noticeOf } from '../responses/notice.js';

interface Deps { links: Links; versions: VersionCache; responses: ResponsesService; surveys: SurveysService; i18n: I18n; assets: Assets; clock: () => Date; secureCookies: boolean }

const storageKey = (seed: string) => createHash('sha256').update(seed).digest('base64url').slice(0, 22);

function flatKeys(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? flatKeys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}
const RESPOND_KEYS = flatKeys(readLocale('en').respond as Record<string, unknown>);

const respondPages: FastifyPluginAsync<Deps> = async (app, { links, versions, responses, surveys, i18n, assets, clock, secureCookies }) => {
  const hide = { hide: true };
  const strings = new Map<string, Record<string, string>>();
  const stringsIn = (lang: string) => {
    if (!strings.has(lang)) strings.set(lang, Object.fromEntries(RESPOND_KEYS.map((k) => [k, i18n.t(lang, `respond.${k}`)])));
    return strings.get(lang)!;
  };

  /** The language of the page; an explicit choice is remembered on the device for the next visit. */
  function language(request: FastifyRequest, reply: FastifyReply, offered: string[], preferred?: string | null) {
    const { tag, asked } = chooseLanguage(request, offered, preferred);
    if (asked) reply.setCookie(LANGUAGE_COOKIE, tag, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies, maxAge: 365 * 86_400 });
    return tag;
  }

  async function survey(reply: FastifyReply, input: { mode: Mode; version: ServedVersion; lang: string; offered: string[]; base: string; storage: string; partner: string;
    answers?: Record<string, unknown>; page?: number | null; consent?: boolean | null; resumed?: boolean; edit?: boolean;
    /** where the page's script loads the compiled payloads (a draft's preview: under /preview) */
    payloads?: string }) {
    const { version, lang } = input;
    const locale = textsLocale(version, lang);
    const notice: PrivacyNotice | undefined = noticeOf(version, locale);
    const consented = input.consent === true || (input.resumed === true && !notice?.consent);
    const texts = version.texts[locale];
    const boot: Boot = {
      mode: input.mode, lang, dir: isRtl(lang) || texts.rtl ? 'rtl' : 'ltr', locale, version: version.version,
      structure: `${input.payloads ?? '/api/compiled'}/structure/${version.structure.hash}`, texts: `${input.payloads ?? '/api/compiled'}/texts/${texts.hash}`,
      strings: stringsIn(lang), languages: input.offered.map((tag) => ({ tag, name: languageName(tag) })),
      base: input.base, storageKey: input.storage, partner: input.partner ? isolate(input.partner) : '', notice, ...(input.edit ? { edit: true } : {}),
      start: { answers: input.answers ?? {}, page: input.page ?? 0, step: notice?.consent && !consented ? 'notice' : 'answering', consent: consented },
    };
    return sendHtml(reply, 200, surveyDocument(boot, version, await assets.ready(), i18n.t(lang, 'respond.noscript')));
  }

  const closedAt = (closesAt: string | null) => closesAt !== null && new Date(closesAt) <= clock();

  app.get<{ Params: { token: string } }>('/s/:token', { config: { auth: 'public' }, schema: hide }, async (request, reply) => {
    const r = links.invitation(request.params.token, request.ip);
    if (!r || r === 'limited') return invalidPage(reply, request, assets, i18n, r === 'limited');
    const { found: inv, campaign, partner } = r;
    const draft = responses.drafts.get(inv.id);
    const version = versions.get(draft?.versionId ?? campaign.versionId);
    const lang = language(request, reply, campaign.languages, inv.language);
    links.opened(inv);
    const title = versions.title(version.versionId, textsLocale(version, lang));
    const open = campaign.state === 'running' && !closedAt(campaign.closesAt);
    const completed = inv.completed && open && campaign.allowEdit && campaign.mode === 'tracked' ? responses.drafts.completed(inv.id) : undefined;
    if (completed) {
      // editing until the campaign closes: the answers sent, on the first page, sent again on completion
      return survey(reply, { mode: 'personal', version: versions.get(completed.versionId), lang, offered: campaign.languages, base: `/s/${request.params.token}`,
        storage: storageKey(`s:${inv.id}:edit`), partner: partner.name, answers: completed.data, consent: completed.consent, resumed: true, edit: true });
    }
    if (inv.completed) return messagePage(reply, assets, 200, lang, title, <p>{i18n.t(lang, 'pages.completed')}</p>);
    if (campaign.state === 'closed' || closedAt(campaign.closesAt)) return messagePage(reply, assets, 410, lang, title, <p>{i18n.t(lang, 'pages.closed')}</p>);
    if (campaign.state !== 'running') return messagePage(reply, assets, 200, lang, title, <p>{i18n.t(lang, 'pages.notStarted')}</p>);
    return survey(reply, { mode: 'personal', version, lang, offered: campaign.languages, base: `/s/${request.params.token}`, storage: storageKey(`s:${inv.id}`),
      partner: partner.name, answers: draft?.data, page: draft?.page, consent: draft?.consent, resumed: !!draft });
  });

  app.get<{ Params: { code: string } }>('/c/:code', { config: { auth: 'public' }, schema: hide }, async (request, reply) => {
    const r = links.openLink(request.params.code, request.ip);
    if (!r || r === 'limited') return invalidPage(reply, request, assets, i18n, r === 'limited');
    const { campaign, partner } = r;
    const version = versions.get(campaign.versionId);
    const lang = language(request, reply, campaign.languages);
    const title = versions.title(version.versionId, textsLocale(version, lang));
    if (campaign.state === 'closed' || closedAt(campaign.closesAt)) return messagePage(reply, assets, 410, lang, title, <p>{i18n.t(lang, 'pages.closed')}</p>);
    if (campaign.state !== 'running') return messagePage(reply, assets, 200, lang, title, <p>{i18n.t(lang, 'pages.notStarted')}</p>);
    return survey(reply, { mode: 'open', version, lang, offered: campaign.languages, base: `/c/${request.params.code}`, storage: storageKey(`c:${campaign.id}`), partner: partner.name });
  });

  // the preview of any version, drafts too (compiled on demand, kept in memory, served only here)
  const previews = createPreviews({ surveys, versions, compile: compileSurvey });
  const staff = { auth: ['admin', 'coordinator', 'researcher'] as const };
  // the admin interface shows the preview in a frame of its own origin; respondents' pages are never framed
  const framedBySelf = async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    reply.header('content-security-policy', PREVIEW_CSP);
    return payload;
  };

  app.get<{ Params: { slug: string; version: string } }>('/preview/:slug/:version', { config: staff, schema: hide, onSend: framedBySelf }, async (request, reply) => {
    const number = Number(request.params.version);
    if (!Number.isInteger(number) || number < 1) return invalidPage(reply, request, assets, i18n, false);
    const { slug } = request.params;
    const preview = previews.get(slug, number);
    if (!preview.ok) {
      const { tag } = chooseLanguage(request, UI_LANGUAGES);
      return messagePage(reply, assets, 422, tag, `Version ${number} of "${slug}" cannot run on phones`,
        <ul>{preview.faults.map((f) => <li key={f.pointer}><code>{f.pointer || '/'}</code> {f.message}</li>)}</ul>);
    }
    const lang = language(request, reply, preview.offered);
    return survey(reply, { mode: 'preview', version: preview.version, lang, offered: preview.offered, base: '', storage: '', partner: '',
      payloads: preview.draft ? draftPayloads(slug, number) : undefined });
  });

  app.get<{ Params: { slug: string; version: string; kind: string; hash: string } }>('/preview/:slug/:version/compiled/:kind/:hash', {
    config: staff, schema: hide,
  }, async (request, reply) => {
    const { slug, kind, hash } = request.params;
    const number = Number(request.params.version);
    if (!Number.isInteger(number) || number < 1 || (kind !== 'structure' && kind !== 'texts')) throw notFound('This preview payload');
    return reply.header('cache-control', 'private, no-store').send(previews.payload(slug, number, kind, hash));
  });
};

export default respondPages;
