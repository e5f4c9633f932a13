/**
 * A language's own invitation and reminder text, with the email as a contact would read it: the
 * template variables filled in from sample values, as plain text (never as HTML), live as one types.
 */
import { i18n, useT } from '../../i18n.js';
import { TextArea, TextField } from '../../ui/forms.js';
import { languageName } from './time.js';
import { MESSAGE_KINDS, type MessageKind, type MessageText } from './types.js';

/** The variables a message may use (the API refuses others). */
export const VARIABLES = ['name', 'link', 'deadline', 'partner', 'survey', 'unsubscribe'] as const;

/** What the preview fills the variables with. */
export interface Sample { name: string; link: string; unsubscribe: string; partner: string; survey: (language: string) => string; deadline: (language: string) => string }

export type LanguageTexts = Record<MessageKind, Required<MessageText>>;
export const emptyTexts = (): LanguageTexts => ({ invitation: { subject: '', body: '' }, reminder: { subject: '', body: '' } });

/** The partner's text with the variables replaced; unknown ones stay visible so the mistake shows. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in values ? values[name] : whole));
}

export function LanguageMessages({ idPrefix = 'msg', language, texts, onTexts, errorAt, sample, senderName, replyTo }: {
  /** unique among the forms on the screen (a wave form has one set of texts per partner) */
  idPrefix?: string; language: string; texts: LanguageTexts; onTexts: (texts: LanguageTexts) => void; errorAt: (pointer: string) => string | undefined;
  sample: Sample; senderName: string; replyTo: string;
}) {
  const t = useT('campaigns');
  const name = languageName(language, i18n.language);
  const set = (kind: MessageKind, part: 'subject' | 'body', value: string) => onTexts({ ...texts, [kind]: { ...texts[kind], [part]: value } });
  return (
    <fieldset class="campaign-language">
      <legend>{name} <span class="hint">({language})</span></legend>
      {MESSAGE_KINDS.map((kind) => {
        const id = `${idPrefix}-${language}-${kind}`;
        const pointer = `/messages/${language}/${kind}`;
        const fields = (
          <div class="campaign-kind">
            <div>
              <TextField id={`${id}-subject`} label={t(`message.${kind}Subject`)} hint={t('message.subjectHint')} maxLength={300}
                error={errorAt(`${pointer}/subject`)} value={texts[kind].subject} onValue={(v) => set(kind, 'subject', v)} lang={language} dir="auto" />
              <TextArea id={`${id}-body`} label={t(`message.${kind}Body`)} hint={t('message.bodyHint', { link: '{{link}}' })} rows={8} maxLength={20_000}
                error={errorAt(`${pointer}/body`)} value={texts[kind].body} onValue={(v) => set(kind, 'body', v)} lang={language} dir="auto" />
            </div>
            <Preview id={`${id}-preview`} language={language} kind={kind} text={texts[kind]} sample={sample} senderName={senderName} replyTo={replyTo} />
          </div>
        );
        if (kind === 'invitation') return <div key={kind}>{fields}</div>;
        const open = Boolean(texts.reminder.subject || texts.reminder.body || errorAt(`${pointer}/subject`) || errorAt(`${pointer}/body`));
        return (
          <details key={kind} class="campaign-reminder" open={open || undefined}>
            <summary>{t('message.reminderSummary', { language: name })}</summary>
            {fields}
          </details>
        );
      })}
    </fieldset>
  );
}

function Preview({ id, language, kind, text, sample, senderName, replyTo }: {
  id: string; language: string; kind: MessageKind; text: Required<MessageText>; sample: Sample; senderName: string; replyTo: string;
}) {
  const t = useT('campaigns');
  const name = languageName(language, i18n.language);
  const values = { name: sample.name, link: sample.link, unsubscribe: sample.unsubscribe, partner: sample.partner, survey: sample.survey(language), deadline: sample.deadline(language) };
  return (
    <section class="email-preview" aria-labelledby={id}>
      <h4 id={id}>{t(`preview.${kind}Title`, { language: name })}</h4>
      <dl class="email-headers">
        <dt>{t('preview.from')}</dt><dd>{senderName || sample.partner}</dd>
        {replyTo && <><dt>{t('preview.replyTo')}</dt><dd>{replyTo}</dd></>}
        <dt>{t('preview.subject')}</dt>
        <dd lang={language} dir="auto">{text.subject.trim() ? fillTemplate(text.subject, values).replace(/[\r\n]+/g, ' ') : <em>{t('preview.defaultSubject', { language: name })}</em>}</dd>
      </dl>
      {text.body.trim()
        ? <p class="email-body" lang={language} dir="auto">{fillTemplate(text.body, values)}</p>
        : <p class="email-body"><em>{t('preview.defaultBody', { language: name })}</em></p>}
      <p class="hint">{t('preview.footer', { language: name })}</p>
    </section>
  );
}
