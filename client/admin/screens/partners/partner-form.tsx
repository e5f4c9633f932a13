/** Creating and changing a partner: name, country, region, time zone and contact address. */
import { useMemo, useState } from 'preact/hooks';
import { api } from '../../../shared/api.js';
import { i18n, useT } from '../../i18n.js';
import { Form, SelectField, TextField, useSubmit } from '../../ui/forms.js';
import { conflictAt, looksLikeEmail, refuse, type Partner } from './model.js';
import { countryName, countryOptions, timeZoneOptions, withCurrent, zonesOfCountry } from './places.js';
import { NS } from './texts.js';

const POINTERS = ['/name', '/country', '/region', '/timeZone', '/contactEmail'];

export function PartnerForm({ partner, onSaved }: { partner?: Partner; onSaved: (partner: Partner) => void }) {
  const t = useT(NS);
  const [name, setName] = useState(partner?.name ?? '');
  const [country, setCountry] = useState(partner?.country ?? '');
  const [region, setRegion] = useState(partner?.region ?? '');
  const [timeZone, setTimeZone] = useState(partner?.timeZone ?? '');
  const [contactEmail, setContactEmail] = useState(partner?.contactEmail ?? '');
  const language = i18n.language;

  const countries = useMemo(() => [{ value: '', label: t('partners.chooseCountry') }, ...withCurrent(countryOptions(language), country)], [language, country, t]);
  const zones = useMemo(() => {
    const all = withCurrent(timeZoneOptions(), timeZone);
    const local = zonesOfCountry(country);
    const place = country ? countryName(country, language) : '';
    // the chosen country's zones first, named with the country; then every other zone
    const first = all.filter((o) => local.includes(o.value)).map((o) => ({ value: o.value, label: `${o.label} · ${place}` }));
    return [{ value: '', label: t('partners.chooseTimeZone') }, ...first, ...all.filter((o) => !local.includes(o.value))];
  }, [country, timeZone, language, t]);

  function chooseCountry(code: string) {
    setCountry(code);
    const local = zonesOfCountry(code);
    // a country with one zone decides it; with several the person chooses among them (listed first)
    if (local.length > 0 && !local.includes(timeZone)) setTimeZone(local.length === 1 ? local[0] : '');
  }

  const form = useSubmit(async () => {
    refuse(t('partners.check'), [
      !name.trim() && { pointer: '/name', message: t('partners.nameRequired') },
      !country && { pointer: '/country', message: t('partners.countryRequired') },
      !timeZone && { pointer: '/timeZone', message: t('partners.timeZoneRequired') },
      contactEmail.trim() !== '' && !looksLikeEmail(contactEmail.trim()) && { pointer: '/contactEmail', message: t('users.emailInvalid') },
    ]);
    const body = { name: name.trim(), country, timeZone, region: region.trim() || null, contactEmail: contactEmail.trim() || null };
    try {
      const saved = partner
        ? await api<Partner>(`/api/partners/${encodeURIComponent(partner.id)}`, { method: 'PATCH', body })
        : await api<Partner>('/api/partners', { body });
      onSaved(saved);
    } catch (error) {
      throw conflictAt(error, '/name', t('partners.nameTaken'));
    }
  });

  return (
    <Form onSubmit={() => void form.submit()} problem={form.problem} shown={POINTERS} busy={form.busy}
      submitLabel={partner ? t('partners.save') : t('partners.create')}>
      <TextField id="partner-name" label={t('partners.name')} required maxLength={200} autoComplete="organization"
        error={form.at('/name')} value={name} onValue={setName} />
      <SelectField id="partner-country" label={t('partners.country')} hint={t('partners.countryHint')} required
        error={form.at('/country')} value={country} onValue={chooseCountry} options={countries} />
      <TextField id="partner-region" label={t('partners.region')} hint={t('partners.regionHint')} maxLength={200}
        error={form.at('/region')} value={region} onValue={setRegion} />
      <SelectField id="partner-time-zone" label={t('partners.timeZone')} hint={t('partners.timeZoneHint')} required
        error={form.at('/timeZone')} value={timeZone} onValue={setTimeZone} options={zones} />
      <TextField id="partner-contact" label={t('partners.contactEmail')} hint={t('partners.contactEmailHint')} type="email" maxLength={320}
        autoComplete="off" error={form.at('/contactEmail')} value={contactEmail} onValue={setContactEmail} />
    </Form>
  );
}
