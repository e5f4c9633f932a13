/**
 * A campaign's sender and email texts, shared by the campaign form and by each partner of the wave
 * form: sender name, reply-to, and each language's texts with their live preview. `prefix` names
 * the fields' ids; `at` finds the API's errors for them (the wave form's under /partners/{i}).
 */
import { useT } from '../../i18n.js';
import { TextField } from '../../ui/forms.js';
import { emptyTexts, LanguageMessages, VARIABLES, type LanguageTexts, type Sample } from './messages.js';
import { titleIn, type Version } from './survey-version.js';
import { wallToUtc } from './time.js';
import { MESSAGE_KINDS } from './types.js';

type At = (pointer: string) => string | undefined;
export interface Texts { senderName: string; replyTo: string; messages: Record<string, LanguageTexts> }

/** The pointers these fields show an error at, below `base` ('' for a campaign, '/partners/2' for a wave's third partner). */
export const textPointers = (languages: string[], base = '') => [`${base}/senderName`, `${base}/replyTo`,
  ...languages.flatMap((l) => MESSAGE_KINDS.flatMap((k) => [`${base}/messages/${l}/${k}/subject`, `${base}/messages/${l}/${k}/body`]))];

/** What the preview fills the variables with: sample name and link, the partner, the survey's title and the deadline in each language. */
export function useSample({ partner, version, surveyTitle, closesAt, timeZone }: {
  partner: string; version: Version | undefined; surveyTitle: string; closesAt: string; timeZone: string;
}): Sample {
  const t = useT('campaigns');
  return {
    name: t('preview.sampleName'), link: `${location.origin}/s/${t('preview.sampleToken')}`, unsubscribe: `${location.origin}/u/${t('preview.sampleToken')}`,
    partner, survey: (language) => titleIn(version, language, surveyTitle),
    deadline: (language) => {
      const utc = closesAt ? wallToUtc(closesAt, timeZone) : undefined;
      if (!utc) return '';
      try {
        return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(utc));
      } catch {
        return utc;
      }
    },
  };
}

/** Sender name and reply-to address; empty, the partner's own. */
export function SenderFields({ prefix, texts, onTexts, at, partner }: { prefix: string; texts: Texts; onTexts: (texts: Texts) => void; at: At; partner: string }) {
  const t = useT('campaigns');
  return (
    <>
      <TextField id={`${prefix}-sender`} label={t('field.senderName')} hint={t('form.senderHint', { partner })} maxLength={100}
        error={at('/senderName')} value={texts.senderName} onValue={(v) => onTexts({ ...texts, senderName: v })} />
      <TextField id={`${prefix}-reply-to`} type="email" label={t('field.replyTo')} hint={t('form.replyToHint')} maxLength={320}
        error={at('/replyTo')} value={texts.replyTo} onValue={(v) => onTexts({ ...texts, replyTo: v })} />
    </>
  );
}

/** Each offered language's invitation and reminder, previewed as sent from the sender named. */
export function EmailTexts({ prefix, languages, texts, onTexts, at, sample, contactEmail }: {
  prefix: string; languages: string[]; texts: Texts; onTexts: (texts: Texts) => void; at: At; sample: Sample; contactEmail: string;
}) {
  const t = useT('campaigns');
  return (
    <>
      <p class="hint">{t('form.messagesHint', { variables: VARIABLES.map((v) => `{{${v}}}`).join(', '), link: '{{link}}' })}</p>
      {languages.length === 0 && <p>{t('form.languagesFirst')}</p>}
      {languages.map((language) => (
        <LanguageMessages key={language} idPrefix={prefix} language={language} texts={texts.messages[language] ?? emptyTexts()} errorAt={at} sample={sample}
          senderName={texts.senderName.trim() || sample.partner} replyTo={texts.replyTo.trim() || contactEmail}
          onTexts={(next) => onTexts({ ...texts, messages: { ...texts.messages, [language]: next } })} />
      ))}
    </>
  );
}
