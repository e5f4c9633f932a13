/** Sending respondents' pages: headers every one of them carries, and the plain message pages. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { UI_LANGUAGES, type I18n } from '../../i18n/index.js';
import type { Assets } from '../../plugins/assets.js';
import { chooseLanguage } from './language.js';
import { CSP, messageDocument } from './render.js';

/** A name inserted into a sentence keeps its own direction (a Latin name in Arabic text): Unicode first-strong isolate. */
export const isolate = (name: string) => `\u2068${name}\u2069`;

export function sendHtml(reply: FastifyReply, status: number, html: string) {
  return reply.code(status).type('text/html; charset=utf-8')
    // links carry tokens: never sent onwards, never cached by a shared device's browser or a proxy
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .send(html);
}

export async function messagePage(reply: FastifyReply, assets: Assets, status: number, lang: string, title: string, content: ComponentChildren) {
  return sendHtml(reply, status, messageDocument(lang, title, content, await assets.ready()));
}

/** The page for a link that does not resolve (404), or for too many such attempts (429), in the browser's language. */
export function invalidPage(reply: FastifyReply, request: FastifyRequest, assets: Assets, i18n: I18n, limited: boolean) {
  const { tag } = chooseLanguage(request, UI_LANGUAGES);
  return messagePage(reply, assets, limited ? 429 : 404, tag, i18n.t(tag, 'pages.invalid.title'),
    <p>{i18n.t(tag, limited ? 'pages.tooMany' : 'pages.invalid.body')}</p>);
}
