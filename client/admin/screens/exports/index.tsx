/**
 * /admin/exports (researchers and admins): anonymised answers of a survey. Choose the survey,
 * filters and options, read which anonymisation applies, then download with progress: the
 * manifest's k and suppressed columns are shown, and the file is saved from a Blob URL.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../../shared/api.js';
import { addTexts, i18n, useT } from '../../i18n.js';
import { useSession } from '../../session.js';
import { SelectField, useSubmit } from '../../ui/forms.js';
import { PageTitle, ProblemAlert, useResource } from '../../ui/page.js';
import { Progress } from '../../ui/table.js';
import { fetchExport, formatBytes, saveBlob } from './download.js';
import { Filters, Options } from './fields.js';
import { History } from './history.js';
import { exportUrl, initialForm, type ExportForm } from './query.js';
import { Result, type Saved } from './result.js';
import en from './locales/en.json' with { type: 'json' };
import sv from './locales/sv.json' with { type: 'json' };
import pl from './locales/pl.json' with { type: 'json' };
import lt from './locales/lt.json' with { type: 'json' };

addTexts('exports', { en, sv, pl, lt });

interface Survey { id: string; slug: string; title: string; state: string; publishedVersion: number | null }

const FIELDS = ['/campaign', '/partner', '/country', '/region', '/language', '/state', '/from', '/to', '/format', '/k', '/codes', '/freeText', '/months', '/timestamps'];

export default function Area({ query }: { path: string; query: URLSearchParams }) {
  const t = useT('exports');
  const { user } = useSession();
  const surveys = useResource<Survey[]>('/api/surveys');
  const exportable = (surveys.data ?? []).filter((s) => s.publishedVersion !== null);
  const [form, setForm] = useState<ExportForm>(() => initialForm(user.role, query.get('survey') ?? ''));
  const set = (change: Partial<ExportForm>) => setForm((f) => ({ ...f, ...change }));
  const [progress, setProgress] = useState<{ received: number; total?: number } | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [tick, setTick] = useState(0);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => { if (!form.survey && exportable.length === 1) set({ survey: exportable[0].slug }); }, [exportable.length]);
  // a Blob URL holds the whole file in memory until it is revoked
  useEffect(() => () => { if (saved) URL.revokeObjectURL(saved.href); }, [saved]);

  const download = useSubmit(async () => {
    if (!form.survey) throw new ApiError(422, { detail: t('chooseSurveyFirst'), errors: [{ pointer: '/survey', message: t('chooseSurveyFirst') }] });
    setSaved(null);
    abort.current = new AbortController();
    try {
      const fetched = await fetchExport(exportUrl(form, user.role), (received, total) => setProgress({ received, total }), abort.current.signal);
      const href = URL.createObjectURL(fetched.blob);
      saveBlob(href, fetched.fileName);
      setSaved({ href, fileName: fetched.fileName, size: fetched.blob.size, manifest: fetched.manifest });
    } catch (error) {
      if (abort.current.signal.aborted) return;
      throw error;
    } finally {
      setProgress(null);
      abort.current = null;
      setTick((n) => n + 1);
    }
  });

  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p>{t('intro')}</p>
      <form class="export-form" noValidate onSubmit={(e) => { e.preventDefault(); void download.submit(); }}>
        <SelectField id="survey" label={t('survey')} value={form.survey} error={download.at('/survey')}
          hint={surveys.data && exportable.length === 0 ? t('noSurveys') : t('surveyHint')}
          onValue={(survey) => set({ survey, campaign: '', language: '' })}
          options={[{ value: '', label: t('chooseSurvey') }, ...exportable.map((s) => ({ value: s.slug, label: `${s.title} (${s.slug})` }))]} />
        {surveys.error ? <ProblemAlert error={surveys.error} /> : null}
        <Filters form={form} set={set} at={download.at} />
        <Options form={form} set={set} at={download.at} />
        <Anonymisation k={Number(form.k) || 5} freeText={form.freeText} />
        {download.problem && <Refusal error={download.problem} />}
        {progress && (
          <Progress label={progress.total ? t('progressOf', { received: formatBytes(progress.received, i18n.language), total: formatBytes(progress.total, i18n.language) })
            : t('progress', { received: formatBytes(progress.received, i18n.language) })}
            value={progress.total ? progress.received / progress.total : undefined} />
        )}
        <div class="actions">
          <button type="submit" class="primary" disabled={download.busy} aria-busy={download.busy || undefined}>{download.busy ? t('downloading') : t('download')}</button>
          {download.busy && <button type="button" onClick={() => abort.current?.abort()}>{t('cancel')}</button>}
        </div>
      </form>
      {saved && <Result saved={saved} />}
      <History tick={tick} />
    </>
  );
}

/** A refused export in plain words: too few responses, a split small group, or a role that may not. */
function Refusal({ error }: { error: unknown }) {
  const t = useT('exports');
  const slug = error instanceof ApiError ? error.type.replace(/^urn:survey-relay:problem:/, '') : '';
  const own = error instanceof ApiError && error.status === 403 ? t('refused.forbidden')
    : slug === 'too-few-responses' ? t('refused.tooFew')
    : slug === 'filters-split-group' ? t('refused.split') : '';
  if (!own) return <ProblemAlert error={error} shown={FIELDS.concat('/survey')} />;
  return (
    <div role="alert" class="problem">
      <p>{own}</p>
      {error instanceof ApiError && error.detail && <p class="detail">{t('refused.server', { detail: error.detail })}</p>}
    </div>
  );
}

function Anonymisation({ k, freeText }: { k: number; freeText: boolean }) {
  const t = useT('exports');
  return (
    <section aria-labelledby="anonymisation" class="explain">
      <h2 id="anonymisation">{t('anon.title')}</h2>
      <ul>
        <li>{t('anon.never')}</li>
        <li>{t('anon.pseudonym')}</li>
        <li>{t('anon.dates')}</li>
        <li>{freeText ? t('anon.freeTextOn') : t('anon.freeTextOff')}</li>
        <li>{t('anon.k', { k })}</li>
        <li>{t('anon.refused', { k, below: k - 1 })}</li>
      </ul>
    </section>
  );
}
