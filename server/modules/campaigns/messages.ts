/**
 * A campaign message in one language: the partner's own subject and body where given, else ours
 * (i18next), with the variables filled in; a text part and an HTML part made from it, the
 * variables escaped in HTML, right to left for RTL languages.
 */
import type { CampaignMessages } from '../../db/schema/index.js';
import type { createI18n } from '../../i18n/index.js';
import { isRtl } from '../../i18n/index.js';

export type I18n = ReturnType<typeof createI18n>;

export interface MessageVariables {
  name: string | null;
  link: string;
  unsubscribe: string;
  partner: string;
  survey: string;
  /** already written in the contact's language and the partner's time zone, or null without a close time */
  deadline: string | null;
}

export interface RenderedText { subject: string; text: string; html: string }

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => vars[name] ?? '');
}

/** Plain text to HTML: escaped, paragraphs at blank lines, the two links clickable. */
function toHtml(text: string, links: string[], language: string): string {
  const paragraphs = text.split(/\n{2,}/).map((p) => {
    let html = escapeHtml(p).replace(/\n/g, '<br>');
    for (const link of links) {
      const e = escapeHtml(link);
      html = html.split(e).join(`<a href="${e}">${e}</a>`);
    }
    return `<p>${html}</p>`;
  });
  const dir = isRtl(language) ? 'rtl' : 'ltr';
  return `<!doctype html><html lang="${escapeHtml(language)}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>` +
    `<body style="font-family:sans-serif;font-size:16px;line-height:1.5;max-width:36em" dir="${dir}">${paragraphs.join('')}</body></html>`;
}

export function renderMessage(i18n: I18n, kind: 'invitation' | 'reminder', language: string, overrides: CampaignMessages, vars: MessageVariables): RenderedText {
  const own = overrides[language]?.[kind];
  const values: Record<string, string> = {
    name: vars.name ?? '', link: vars.link, unsubscribe: vars.unsubscribe, partner: vars.partner, survey: vars.survey, deadline: vars.deadline ?? '',
  };
  const subject = (own?.subject ? fill(own.subject, values) : i18n.t(language, `mail.${kind}.subject`, values)).replace(/[\r\n]+/g, ' ');
  const ours = i18n.t(language, `mail.${kind}.${vars.name ? 'body' : 'bodyNoName'}`, values);
  const parts = [own?.body ? fill(own.body, values) : ours];
  if (vars.deadline) parts.push(i18n.t(language, 'mail.deadline', values));
  parts.push(i18n.t(language, 'mail.unsubscribe', values), i18n.t(language, 'mail.footer', values));
  const text = parts.join('\n\n');
  return { subject, text, html: toHtml(text, [vars.link, vars.unsubscribe], language) };
}

/** A moment written for the contact: their language, the partner's time zone. */
export function formatDeadline(iso: string, language: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso));
  }
}
