/**
 * The survey's privacy notice in a language, as its definition writes it (`privacyNotice`, with
 * `consentRequired` for an explicit consent step). Its version is a hash of the words shown, so
 * the response records exactly which wording the respondent saw.
 */
import { createHash } from 'node:crypto';
import type { PrivacyNotice } from '../../../client/respond/boot.js';
import type { ServedVersion } from '../responses/versions.js';

export const NOTICE_KEY = 'survey.privacyNotice';

export function noticeOf(version: ServedVersion, locale: string): PrivacyNotice | undefined {
  const text = version.texts[locale]?.texts[NOTICE_KEY] ?? version.texts.default?.texts[NOTICE_KEY];
  if (!text) return undefined;
  return { text, version: createHash('sha256').update(text).digest('hex').slice(0, 16), consent: version.structure.consentRequired === true };
}
