/** The campaign form's state and the API body made from it (times from the partner's wall clock to UTC). */
import type { LanguageTexts } from './messages.js';
import { emptyTexts } from './messages.js';
import { utcToWall, wallToUtc } from './time.js';
import { MESSAGE_KINDS, type Campaign, type Messages } from './types.js';

export interface Draft {
  name: string; partnerId: string; survey: string; version: string; listIds: string[]; languages: string[];
  startLater: boolean; startsAt: string; closesAt: string; reminderDays: string; reminderMax: string;
  senderName: string; replyTo: string; mode: 'anonymous' | 'tracked'; allowEdit: boolean; retentionDays: string; openCap: string;
  messages: Record<string, LanguageTexts>;
}

export function draftOf(c?: Campaign): Draft {
  const messages: Record<string, LanguageTexts> = {};
  for (const [language, kinds] of Object.entries(c?.messages ?? {})) {
    const texts = emptyTexts();
    for (const kind of MESSAGE_KINDS) texts[kind] = { subject: kinds[kind]?.subject ?? '', body: kinds[kind]?.body ?? '' };
    messages[language] = texts;
  }
  // a start still ahead is shown as such; one already past (or done) leaves "when I start it"
  const later = c ? !c.startedAt && Date.parse(c.startsAt) > Date.now() : false;
  return {
    name: c?.name ?? '', partnerId: c?.partnerId ?? '', survey: c?.survey ?? '', version: c ? String(c.version) : '',
    listIds: c?.listIds ?? [], languages: c?.languages ?? [],
    startLater: later, startsAt: c ? utcToWall(c.startsAt, c.timeZone) : '', closesAt: c ? utcToWall(c.closesAt, c.timeZone) : '',
    reminderDays: (c?.reminders.days ?? [5, 12]).join(', '), reminderMax: String(c?.reminders.max ?? 2),
    senderName: c?.senderName ?? '', replyTo: c?.replyTo ?? '', mode: c?.mode ?? 'anonymous', allowEdit: c?.allowEdit ?? false,
    retentionDays: String(c?.retentionDays ?? 180), openCap: c?.openCap ? String(c.openCap) : '', messages,
  };
}

/** A whole number typed by a person; what is not one is sent as it is, so the API names the field. */
export const whole = (s: string): number | string | undefined => (s.trim() === '' ? undefined : /^\d+$/.test(s.trim()) ? Number(s.trim()) : s.trim());

/** The API's messages: only the offered languages' texts that were written (an empty one takes the standard text). */
export function messagesOf(languages: string[], texts: Record<string, LanguageTexts>): Messages {
  const messages: Messages = {};
  for (const language of languages) {
    const own = texts[language];
    if (!own) continue;
    for (const kind of MESSAGE_KINDS) {
      const { subject, body } = own[kind];
      if (!subject.trim() && !body.trim()) continue;
      (messages[language] ??= {})[kind] = { ...(subject.trim() ? { subject } : {}), ...(body.trim() ? { body } : {}) };
    }
  }
  return messages;
}

/** The body of POST /api/campaigns (creating) or PATCH /api/campaigns/{id}. */
export function bodyOf(d: Draft, timeZone: string, creating: boolean, state?: Campaign['state']): Record<string, unknown> {
  const messages = messagesOf(d.languages, d.messages);
  // a time that is not one (half-typed) is sent as typed, so the API names the field
  const time = (local: string) => (local ? wallToUtc(local, timeZone) ?? local : undefined);
  const body: Record<string, unknown> = {
    name: d.name.trim(), listIds: d.listIds, languages: d.languages,
    startsAt: d.startLater ? time(d.startsAt) ?? '' : undefined,
    closesAt: d.closesAt ? time(d.closesAt) : creating ? undefined : null,
    reminders: { days: d.reminderDays.split(/[\s,;]+/).filter(Boolean).map(whole), max: whole(d.reminderMax) ?? 0 },
    senderName: d.senderName.trim() || undefined, replyTo: d.replyTo.trim() || (creating ? undefined : null),
    mode: creating || state === 'draft' ? d.mode : undefined, allowEdit: d.mode === 'tracked' && d.allowEdit,
    retentionDays: whole(d.retentionDays), messages, openCap: whole(d.openCap) ?? (creating ? undefined : null),
  };
  if (creating) Object.assign(body, { survey: d.survey, version: whole(d.version), partnerId: d.partnerId || undefined });
  return body;
}
