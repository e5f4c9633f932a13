/**
 * Parts of the campaign form that the wave form shares: the languages offered, the schedule and
 * reminders, and the answers' rules. `prefix` names the fields' ids (campaign-…, wave-…).
 */
import type { ComponentChildren } from 'preact';
import { i18n, useT } from '../../i18n.js';
import { SelectField, TextField } from '../../ui/forms.js';
import type { Draft } from './draft.js';
import { CheckGroup, RadioGroup } from './fields.js';
import { languageName } from './time.js';
import type { SurveyDetail, SurveySummary } from './types.js';

interface Part {
  prefix: string; d: Draft; set: <K extends keyof Draft>(key: K, value: Draft[K]) => void;
  setD: (update: (old: Draft) => Draft) => void; at: (pointer: string) => string | undefined;
}

/** An open survey and one of its published versions (a new survey or version starts its languages afresh). */
export function SurveyChoice({ prefix, d, setD, at, surveys, detail }: Part & { surveys: SurveySummary[] | undefined; detail: SurveyDetail | undefined }) {
  const t = useT('campaigns');
  const open = (surveys ?? []).filter((s) => s.state === 'open' && s.publishedVersion !== null);
  const published = (detail?.versions ?? []).filter((v) => v.publishedAt);
  return (
    <>
      <SelectField id={`${prefix}-survey`} label={t('field.survey')} required hint={t('form.surveyHint')} error={at('/survey')} value={d.survey}
        onValue={(v) => setD((old) => ({ ...old, survey: v, version: '', languages: [] }))}
        options={[{ value: '', label: t('form.chooseSurvey') }, ...open.map((s) => ({ value: s.slug, label: s.title }))]} />
      {d.survey && (
        <SelectField id={`${prefix}-version`} label={t('field.version')} required error={at('/version')} value={d.version}
          onValue={(v) => setD((old) => ({ ...old, version: v, languages: [] }))}
          options={published.map((v) => ({ value: String(v.version), label: t('form.versionOption', { version: v.version, title: v.title }) }))} />
      )}
    </>
  );
}

/** The survey version's languages to offer, in the version's order. */
export function LanguageChoice({ prefix, d, set, at, offered }: Part & { offered: string[] }) {
  const t = useT('campaigns');
  return (
    <CheckGroup id={`${prefix}-languages`} legend={t('field.languages')} hint={t('form.languagesHint')} error={at('/languages')} values={d.languages}
      onValues={(v) => set('languages', offered.filter((l) => v.includes(l)).concat(v.filter((l) => !offered.includes(l))))}
      empty={<p>{t('form.surveyFirst')}</p>}
      choices={(offered.length ? offered : d.languages).map((l) => ({ value: l, label: `${languageName(l, i18n.language)} (${l})` }))} />
  );
}

/** Start (now or later), closing time and reminders, with the time zone they are read in. */
export function ScheduleFields({ prefix, d, set, at, zoneHint, startsAtLabel, closesAtLabel, started }: Part & {
  zoneHint: ComponentChildren; startsAtLabel: string; closesAtLabel: string; started?: boolean;
}) {
  const t = useT('campaigns');
  return (
    <fieldset class="campaign-section">
      <legend>{t('form.schedule')}</legend>
      <p class="hint" id={`${prefix}-zone`}>{zoneHint}</p>
      <RadioGroup id={`${prefix}-start`} legend={t('field.start')} error={at('/startsAt')} value={d.startLater ? 'later' : 'now'}
        onValue={(v) => set('startLater', v === 'later')} disabled={started}
        choices={[{ value: 'now', label: t('form.startNow') }, { value: 'later', label: t('form.startLater') }]} />
      {d.startLater && (
        <TextField id={`${prefix}-starts-at`} type="datetime-local" label={startsAtLabel} error={at('/startsAt')}
          value={d.startsAt} onValue={(v) => set('startsAt', v)} />
      )}
      <TextField id={`${prefix}-closes-at`} type="datetime-local" label={closesAtLabel} hint={t('form.closesHint')}
        error={at('/closesAt')} value={d.closesAt} onValue={(v) => set('closesAt', v)} />
      <TextField id={`${prefix}-reminder-days`} label={t('field.reminderDays')} hint={t('form.reminderDaysHint')} inputMode="numeric"
        error={at('/reminders/days')} value={d.reminderDays} onValue={(v) => set('reminderDays', v)} />
      <TextField id={`${prefix}-reminder-max`} type="number" min={0} max={10} label={t('field.reminderMax')} error={at('/reminders/max') ?? at('/reminders')}
        value={d.reminderMax} onValue={(v) => set('reminderMax', v)} />
    </fieldset>
  );
}

/** Anonymous or tracked (fixed once the campaign has left its draft), editing answers, retention and the open link's cap. */
export function AnswerFields({ prefix, d, set, setD, at, modeFixed }: Part & { modeFixed?: boolean }) {
  const t = useT('campaigns');
  const id = `${prefix}-allow-edit`;
  return (
    <fieldset class="campaign-section">
      <legend>{t('form.answers')}</legend>
      <RadioGroup id={`${prefix}-mode`} legend={t('field.mode')} error={at('/mode')} value={d.mode} disabled={modeFixed}
        hint={modeFixed ? t('form.modeFixed') : undefined}
        onValue={(v) => setD((old) => ({ ...old, mode: v as Draft['mode'], allowEdit: v === 'tracked' && old.allowEdit }))}
        choices={[{ value: 'anonymous', label: t('mode.anonymous') }, { value: 'tracked', label: t('mode.tracked') }]} />
      <div class={at('/allowEdit') ? 'field check invalid' : 'field check'}>
        <input id={id} type="checkbox" checked={d.allowEdit} disabled={d.mode !== 'tracked'}
          aria-describedby={at('/allowEdit') ? `${id}-hint ${id}-error` : `${id}-hint`}
          aria-invalid={at('/allowEdit') ? true : undefined} onChange={(e) => set('allowEdit', (e.currentTarget as HTMLInputElement).checked)} />
        <label for={id}>{t('field.allowEdit')}</label>
        <p id={`${id}-hint`} class="hint">{t('form.allowEditHint')}</p>
        {at('/allowEdit') && <p id={`${id}-error`} class="field-error">{at('/allowEdit')}</p>}
      </div>
      <TextField id={`${prefix}-retention`} type="number" min={0} max={3650} label={t('field.retentionDays')} hint={t('form.retentionHint')}
        error={at('/retentionDays')} value={d.retentionDays} onValue={(v) => set('retentionDays', v)} />
      <TextField id={`${prefix}-open-cap`} type="number" min={1} label={t('field.openCap')} hint={t('form.openCapHint')}
        error={at('/openCap')} value={d.openCap} onValue={(v) => set('openCap', v)} />
    </fieldset>
  );
}
