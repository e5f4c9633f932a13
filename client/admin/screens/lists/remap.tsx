/**
 * Reading the file again with the columns, encoding or delimiter a person chose, when the
 * guesses were wrong (PUT /api/imports/{id}/request); the preview is then made again.
 */
import { useState } from 'preact/hooks';
import { api } from '../../../shared/api.js';
import { useT } from '../../i18n.js';
import { Form, SelectField, useSubmit } from '../../ui/forms.js';
import { delimiterKey } from './shared.js';
import { DELIMITERS, ENCODINGS, type ImportJob, type MappingRequest } from './types.js';

export function Remap({ job, onChanged }: { job: ImportJob; onChanged: (job: ImportJob) => void }) {
  const t = useT('lists');
  const header = job.header ?? [];
  const column = (i: number | null | undefined) => (i === null || i === undefined ? '' : header[i] ?? '');
  const asked = job.request.mapping;
  const askedName = Array.isArray(asked?.name) ? asked.name : asked?.name ? [asked.name] : [];
  const [email, setEmail] = useState(asked?.email ?? column(job.mapping?.email));
  const [name, setName] = useState(askedName[0] ?? column(job.mapping?.name[0]));
  const [lastName, setLastName] = useState(askedName[1] ?? column(job.mapping?.name[1]));
  const [language, setLanguage] = useState(asked?.language ?? column(job.mapping?.language));
  const [encoding, setEncoding] = useState(job.request.encoding ?? '');
  const [delimiter, setDelimiter] = useState(job.request.delimiter ?? '');
  const form = useSubmit(async () => {
    const mapping: MappingRequest = { email };
    const names = [name, lastName].filter(Boolean);
    if (names.length) mapping.name = names.length === 1 ? names[0] : names;
    if (language) mapping.language = language;
    // another encoding or separator changes the header's text: the columns are then found afresh
    const reread = encoding !== (job.request.encoding ?? '') || delimiter !== (job.request.delimiter ?? '');
    const body = { mapping: email && !reread ? mapping : undefined, encoding: encoding || undefined, delimiter: delimiter || undefined };
    onChanged(await api<ImportJob>(`/api/imports/${encodeURIComponent(job.id)}/request`, { method: 'PUT', body }));
  });
  const columns = [{ value: '', label: t('remap.none') }, ...header.filter(Boolean).map((h) => ({ value: h, label: h }))];
  return (
    <details class="section" open={job.status === 'failed'}>
      <summary><h2>{t('remap.title')}</h2></summary>
      <p class="hint">{t('remap.intro')}</p>
      <Form onSubmit={() => void form.submit()} problem={form.problem} shown={['/mapping/email', '/encoding', '/delimiter']} busy={form.busy} submitLabel={t('remap.submit')}>
        <SelectField id="map-email" label={t('remap.email')} required error={form.at('/mapping/email')} value={email} onValue={setEmail} options={columns} />
        <SelectField id="map-name" label={t('remap.name')} value={name} onValue={setName} options={columns} />
        <SelectField id="map-last-name" label={t('remap.lastName')} hint={t('remap.lastNameHint')} value={lastName} onValue={setLastName} options={columns} />
        <SelectField id="map-language" label={t('remap.language')} value={language} onValue={setLanguage} options={columns} />
        <p class="hint">{t('remap.attributes')}</p>
        <SelectField id="map-encoding" label={t('preview.encoding')} error={form.at('/encoding')} value={encoding} onValue={setEncoding}
          options={[{ value: '', label: t('remap.detected', { value: job.encoding ?? '—' }) }, ...ENCODINGS.map((e) => ({ value: e, label: e }))]} />
        {job.format !== 'xlsx' && (
          <SelectField id="map-delimiter" label={t('preview.delimiter')} error={form.at('/delimiter')} value={delimiter} onValue={setDelimiter}
            options={[{ value: '', label: t('remap.detected', { value: job.delimiter ? t(`delimiter.${delimiterKey(job.delimiter)}`) : '—' }) },
              ...DELIMITERS.map((d) => ({ value: d, label: t(`delimiter.${delimiterKey(d)}`) }))]} />
        )}
      </Form>
    </details>
  );
}
