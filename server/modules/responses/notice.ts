/**
 * The survey's privacy notice (`privacyNotice` in the definition, one text per language) and its
 * optional consent step (`consentRequired`). A notice's version is a hash of the words shown, so
 * a response records exactly which wording the respondent saw; a survey that asks for consent
 * cannot be completed without it.
 */
import { createHash } from 'node:crypto';
import type { ServedVersion } from './versions.js';
import { ProblemError } from '../../errors.js';

export const NOTICE_KEY = 'survey.privacyNotice';

export interface Notice { text: string; version: string; consent: boolean }

const versionOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** The notice shown in a texts locale (the default language's when the locale has none), if the survey has one. */
export function noticeOf(version: ServedVersion, locale: string): Notice | undefined {
  const text = version.texts[locale]?.texts[NOTICE_KEY] || version.texts.default?.texts[NOTICE_KEY];
  return text ? { text, version: versionOf(text), consent: version.structure.consentRequired === true } : undefined;
}

export interface Acknowledgement { notice?: string | null; consent?: boolean | null }

/**
 * What a submission says the respondent saw and agreed to, checked against the version: a notice
 * version must be one of its notices; on completion, a survey that asks for consent needs it.
 */
export function checkAcknowledgement(version: ServedVersion, given: Acknowledgement, completing: boolean): { notice: string | null; consent: boolean | null } {
  const known = new Set(Object.keys(version.texts).map((locale) => noticeOf(version, locale)?.version).filter(Boolean));
  const faults: { pointer: string; message: string }[] = [];
  if (given.notice && !known.has(given.notice)) faults.push({ pointer: '/notice', message: 'is not a version of this survey\'s privacy notice; reload the page' });
  if (completing && version.structure.consentRequired && given.consent !== true) {
    faults.push({ pointer: '/consent', message: 'this survey needs the respondent\'s consent to its privacy notice before the answers can be sent' });
  }
  if (faults.length > 0) throw new ProblemError(422, 'CONSENT_MISSING', 'The privacy notice must be shown, and agreed to where the survey asks, before answers are sent.', faults);
  return { notice: given.notice ?? null, consent: given.consent ?? null };
}
