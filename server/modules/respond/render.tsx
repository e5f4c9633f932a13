/**
 * HTML documents of the respondents' pages. The survey page is the same Preact tree the phone
 * hydrates, rendered here with the same runtime, so the first question is readable before any
 * script runs. No inline script or style: the boot data is JSON (not executed), the CSS and the
 * script are content-hashed files of our own origin.
 */
import { renderToString } from 'preact-render-to-string';
import type { ComponentChildren } from 'preact';
import { createRuntime } from '../../../client/runtime/runtime.js';
import { App } from '../../../client/respond/App.js';
import type { Boot } from '../../../client/respond/boot.js';
import type { ServedVersion } from '../responses/versions.js';
import { isRtl } from '../../i18n/index.js';
import type { BuiltAssets } from '../../plugins/assets.js';

const POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'";
/** Respondents' pages are never framed (no clickjacking of a personal link). */
export const CSP = `${POLICY}; frame-ancestors 'none'`;
/** The staff preview may be framed by this site's own pages: the admin interface shows it at phone width. */
export const PREVIEW_CSP = `${POLICY}; frame-ancestors 'self'`;

/** Text made safe inside HTML and its attributes. */
export const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON that cannot end the script element it sits in */
const safeJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

function documentOf(lang: string, title: string, assets: BuiltAssets, head: string, body: string): string {
  const dir = isRtl(lang) ? 'rtl' : 'ltr';
  return `<!doctype html><html lang="${escape(lang)}" dir="${dir}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">' +
    `<title>${escape(title)}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="${assets.style}">${head}</head>` +
    `<body>${body}</body></html>`;
}

export function surveyDocument(boot: Boot, version: ServedVersion, assets: BuiltAssets, noscript: string): string {
  const rt = createRuntime(version.structure, version.texts[boot.locale]);
  rt.setData(boot.start.answers);
  const app = renderToString(<App boot={boot} rt={rt} structure={version.structure} />);
  const title = rt.text(version.structure.titleKey) || version.slug;
  const head = `<link rel="modulepreload" href="${assets.script}">` +
    `<link rel="preload" as="fetch" crossorigin="anonymous" href="${escape(boot.structure)}">` +
    `<link rel="preload" as="fetch" crossorigin="anonymous" href="${escape(boot.texts)}">`;
  const body = `<div id="app">${app}</div><noscript><p class="message">${escape(noscript)}</p></noscript>` +
    `<script type="application/json" id="boot">${safeJson(boot)}</script><script type="module" src="${assets.script}"></script>`;
  return documentOf(boot.lang, title, assets, head, body);
}

/** A page with a message and no script: link not found, closed, thank-you, unsubscribe. */
export function messageDocument(lang: string, title: string, content: ComponentChildren, assets: BuiltAssets): string {
  return documentOf(lang, title, assets, '', renderToString(<main id="main" class="message"><h1>{title}</h1>{content}</main>));
}
