/**
 * The checks a campaign's settings pass before anything is stored or queued: every fault is
 * named at its JSON pointer, so a coordinator can fix them all at once.
 */
import type { CampaignMessages } from '../../db/schema/index.js';
import type { FieldFault } from '../../errors.js';

/** Variables a message may use; anything else in {{…}} is a fault. */
export const MESSAGE_VARIABLES = ['name', 'link', 'deadline', 'partner', 'survey', 'unsubscribe'] as const;

export interface ReminderPolicy { days: number[]; max: number }

export interface CampaignInput {
  name?: string;
  listIds?: string[];
  languages?: string[];
  startsAt?: string;
  closesAt?: string | null;
  reminders?: ReminderPolicy;
  senderName?: string;
  replyTo?: string | null;
  mode?: 'anonymous' | 'tracked';
  allowEdit?: boolean;
  retentionDays?: number;
  messages?: CampaignMessages;
  openCap?: number | null;
}

const LINE_BREAK = /[\r\n\u2028\u2029]/;
const TAG = /<\s*\/?\s*[a-z!][^>]*>/i;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/** Faults of a message text: unknown variables, HTML, line breaks in a subject, a body without its link. */
export function messageFaults(messages: CampaignMessages, offered: readonly string[]): FieldFault[] {
  const faults: FieldFault[] = [];
  for (const [language, kinds] of Object.entries(messages)) {
    if (!offered.includes(language)) faults.push({ pointer: `/messages/${language}`, message: `is not a language of this campaign (${offered.join(', ')})` });
    for (const [kind, text] of Object.entries(kinds ?? {})) {
      for (const [part, value] of Object.entries(text ?? {})) {
        const pointer = `/messages/${language}/${kind}/${part}`;
        if (typeof value !== 'string') continue;
        for (const [, variable] of value.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
          if (!(MESSAGE_VARIABLES as readonly string[]).includes(variable)) {
            faults.push({ pointer, message: `uses {{${variable}}}, which is not one of ${MESSAGE_VARIABLES.map((v) => `{{${v}}}`).join(', ')}` });
          }
        }
        if (TAG.test(value)) faults.push({ pointer, message: 'contains HTML; write plain text (paragraphs and links are made automatically)' });
        if (part === 'subject' && LINE_BREAK.test(value)) faults.push({ pointer, message: 'must be one line' });
        if (part === 'body' && !/\{\{\s*link\s*\}\}/.test(value)) faults.push({ pointer, message: 'must contain {{link}}, the personal link' });
      }
    }
  }
  return faults;
}

/** Faults of the settings that need no database: times, reminders, sender, mode. */
export function settingFaults(input: CampaignInput, now: Date): FieldFault[] {
  const faults: FieldFault[] = [];
  const starts = input.startsAt ? new Date(input.startsAt) : now;
  if (input.closesAt) {
    const closes = new Date(input.closesAt);
    if (closes <= now) faults.push({ pointer: '/closesAt', message: 'is in the past' });
    else if (closes <= starts) faults.push({ pointer: '/closesAt', message: 'must be after the start' });
  }
  if (input.startsAt && starts.getTime() < now.getTime() - 5 * 60_000) faults.push({ pointer: '/startsAt', message: 'is in the past; leave it out to start now' });
  if (input.languages && input.languages.length === 0) faults.push({ pointer: '/languages', message: 'must offer at least one language' });
  if (input.listIds && input.listIds.length === 0) faults.push({ pointer: '/listIds', message: 'must name at least one list' });
  const days = input.reminders?.days ?? [];
  if (days.some((d, i) => i > 0 && d <= days[i - 1])) faults.push({ pointer: '/reminders/days', message: 'must be increasing' });
  if (input.senderName !== undefined && (LINE_BREAK.test(input.senderName) || input.senderName.trim() === '')) {
    faults.push({ pointer: '/senderName', message: 'must be one non-empty line' });
  }
  if (input.replyTo && (LINE_BREAK.test(input.replyTo) || !EMAIL.test(input.replyTo))) faults.push({ pointer: '/replyTo', message: 'must be one email address' });
  if (input.mode === 'anonymous' && input.allowEdit) {
    faults.push({ pointer: '/allowEdit', message: 'needs tracked mode: an anonymous response is not linked to anyone who could edit it' });
  }
  return faults;
}
