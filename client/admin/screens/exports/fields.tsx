/** The export form's filters and options, each with its server error (by pointer) at the field. */
import { useT } from '../../i18n.js';
import { useSession } from '../../session.js';
import { CheckboxField, SelectField, TextField } from '../../ui/forms.js';
import { useResource } from '../../ui/page.js';
import { FORMATS, minK, STATES, type ExportForm } from './query.js';

interface Partner { id: string; name: string; country: string; region: string | null }
interface Campaign { id: string; name: string; survey: string; partnerId: string }
interface Languages { defaultLocale: string; locales: { locale: string }[] }

type Props = { form: ExportForm; set: (change: Partial<ExportForm>) => void; at: (pointer: string) => string | undefined };

const displayName = (type: 'region' | 'language', code: string) => {
  try {
    return new Intl.DisplayNames([document.documentElement.lang || 'en'], { type }).of(code) ?? code;
  } catch {
    return code;
  }
};

export function Filters({ form, set, at }: Props) {
  const t = useT('exports');
  const { user } = useSession();
  const partners = useResource<Partner[]>('/api/partners');
  // researchers may not list campaigns (the API says 403): for them the filter is left out
  const campaigns = useResource<Campaign[]>(user.role === 'admin' ? '/api/campaigns' : null);
  const languages = useResource<Languages>(form.survey ? `/api/surveys/${encodeURIComponent(form.survey)}/languages` : null);
  const any = { value: '', label: t('any') };
  const byName = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);
  const all = partners.data ?? [];
  const countries = [...new Set(all.map((p) => p.country.toUpperCase()))].map((c) => ({ value: c, label: `${displayName('region', c)} (${c})` })).sort(byName);
  const regions = [...new Set(all.filter((p) => p.region && (!form.country || p.country.toUpperCase() === form.country)).map((p) => p.region!))]
    .map((r) => ({ value: r, label: r })).sort(byName);
  const ownCampaigns = (campaigns.data ?? []).filter((c) => c.survey === form.survey);
  const tags = languages.data ? [languages.data.defaultLocale, ...languages.data.locales.map((l) => l.locale)] : [];
  return (
    <fieldset>
      <legend>{t('filters')}</legend>
      <p class="hint">{t('filtersHint')}</p>
      <div class="grid">
        {campaigns.data && (
          <SelectField id="campaign" label={t('campaign')} value={form.campaign} onValue={(campaign) => set({ campaign })} error={at('/campaign')}
            options={[any, ...ownCampaigns.map((c) => ({ value: c.id, label: c.name }))]} />
        )}
        <SelectField id="partner" label={t('partner')} value={form.partner} onValue={(partner) => set({ partner })} error={at('/partner')}
          options={[any, ...all.map((p) => ({ value: p.id, label: p.name })).sort(byName)]} />
        <SelectField id="country" label={t('country')} value={form.country} onValue={(country) => set({ country, region: '' })} error={at('/country')}
          options={[any, ...countries]} />
        <SelectField id="region" label={t('region')} value={form.region} onValue={(region) => set({ region })} error={at('/region')}
          options={[any, ...regions]} />
        <SelectField id="language" label={t('language')} value={form.language} onValue={(language) => set({ language })} error={at('/language')}
          options={[any, ...tags.map((tag) => ({ value: tag, label: `${displayName('language', tag)} (${tag})` }))]} />
        <SelectField id="state" label={t('state')} value={form.state} onValue={(state) => set({ state: state as ExportForm['state'] })} error={at('/state')}
          options={STATES.map((s) => ({ value: s, label: t(`states.${s}`) }))} />
        <TextField id="from" type="date" label={t('from')} hint={t('dateHint')} value={form.from} onValue={(from) => set({ from })} error={at('/from')} />
        <TextField id="to" type="date" label={t('to')} hint={t('dateHint')} value={form.to} onValue={(to) => set({ to })} error={at('/to')} />
      </div>
      {user.role !== 'admin' && <p class="hint">{t('noCampaignFilter')}</p>}
    </fieldset>
  );
}

export function Options({ form, set, at }: Props) {
  const t = useT('exports');
  const { user } = useSession();
  return (
    <fieldset>
      <legend>{t('options')}</legend>
      <div class="grid">
        <SelectField id="format" label={t('format')} value={form.format} onValue={(format) => set({ format: format as ExportForm['format'] })} error={at('/format')}
          hint={t(`formatHint.${form.format}`)} options={FORMATS.map((f) => ({ value: f, label: t(`formats.${f}`) }))} />
        <TextField id="k" type="number" inputMode="numeric" min={minK(user.role)} max={1000} label={t('k')} hint={t('kHint', { min: minK(user.role) })}
          value={form.k} onValue={(k) => set({ k })} error={at('/k')} />
      </div>
      <CheckboxField id="codes" label={t('codes')} hint={t('codesHint')} checked={form.codes} onChecked={(codes) => set({ codes })} error={at('/codes')} />
      <CheckboxField id="freeText" label={t('freeText')} hint={t('freeTextHint')} checked={form.freeText} onChecked={(freeText) => set({ freeText })} error={at('/freeText')} />
      <CheckboxField id="months" label={t('months')} hint={t('monthsHint')} checked={form.months} onChecked={(months) => set({ months, timestamps: months ? false : form.timestamps })} error={at('/months')} />
      {user.role === 'admin' && (
        <CheckboxField id="timestamps" label={t('timestamps')} hint={t('timestampsHint')} checked={form.timestamps}
          onChecked={(timestamps) => set({ timestamps, months: timestamps ? false : form.months })} error={at('/timestamps')} />
      )}
    </fieldset>
  );
}
