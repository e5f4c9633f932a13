/**
 * /admin/lists/{id}/imports/{importId}: an uploaded file being read (progress), its preview (the
 * format found, the columns, counts, and every row's problems), choosing columns, encoding or
 * delimiter again, committing (progress, then the result) or discarding it.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../../shared/api.js';
import { formatDate, formatNumber, useT } from '../../i18n.js';
import { Link, navigate } from '../../router.js';
import { ConfirmButton } from '../../ui/confirm.js';
import { Loaded, PageTitle, ProblemAlert } from '../../ui/page.js';
import { Progress } from '../../ui/table.js';
import { ImportRows } from './import-rows.js';
import { Remap } from './remap.js';
import { Crumbs, WithList, delimiterKey, listPath } from './shared.js';
import type { ImportJob } from './types.js';

const POLL_MS = 400;
const busy = (job: ImportJob | undefined) => job?.status === 'reading' || job?.status === 'committing';

/** The import, polled while the server reads or commits it (a failed poll is retried, not the end of it). */
function useImport(importId: string) {
  const [job, setJob] = useState<ImportJob>();
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);
  const [settled, setSettled] = useState(0);
  useEffect(() => {
    let live = true;
    api<ImportJob>(`/api/imports/${encodeURIComponent(importId)}`).then(
      (j) => { if (live) { setJob(j); setError(undefined); } },
      (e: unknown) => { if (live) setError(e); },
    ).finally(() => { if (live) setSettled((n) => n + 1); });
    return () => { live = false; };
  }, [importId, tick]);
  const refresh = () => setTick((n) => n + 1);
  useEffect(() => {
    if (!busy(job)) return;
    const timer = setTimeout(refresh, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, settled]);
  return { job, error, setJob, refresh };
}

export function ImportScreen({ listId, importId }: { listId: string; importId: string }) {
  const t = useT('lists');
  const state = useImport(importId);
  const resource = { data: state.job, error: state.error, loading: !state.job && !state.error, reload: state.refresh };
  return (
    <WithList listId={listId} title={t('preview.title')}>{(list) => (
      <>
        <Crumbs list={list} />
        <PageTitle>{t('preview.titleFor', { name: list.name })}</PageTitle>
        <Loaded resource={resource}>{(job) => <ImportView job={job} onChanged={state.setJob} refresh={state.refresh} />}</Loaded>
      </>
    )}</WithList>
  );
}

function ImportView({ job, onChanged, refresh }: { job: ImportJob; onChanged: (job: ImportJob) => void; refresh: () => void }) {
  const t = useT('lists');
  const [commitProblem, setCommitProblem] = useState<unknown>();
  const back = listPath(job.listId);
  async function commit() {
    setCommitProblem(undefined);
    onChanged({ ...job, status: 'committing' });
    // the server answers when the transaction is done; meanwhile the job is polled for its state
    api<ImportJob>(`/api/imports/${encodeURIComponent(job.id)}/commit`, { method: 'POST' }).then(onChanged, (e: unknown) => {
      setCommitProblem(e);
      refresh();
    });
  }
  return (
    <>
      <FileFacts job={job} />
      {job.status === 'reading' && (
        <Progress label={t('preview.reading', { rows: formatNumber(job.rowsRead) })} value={job.progress} />
      )}
      {job.status === 'committing' && <Progress label={t('preview.committing', { count: job.counts ? job.counts.add + job.counts.update : 0 })} />}
      <ProblemAlert error={commitProblem} />
      {job.status === 'failed' && job.error && (
        <div role="alert" class="problem">
          <p>{t(`importError.${job.error.code}`, { defaultValue: job.error.message })}</p>
          {job.error.faults && <ul>{job.error.faults.map((f) => <li key={f}>{f}</li>)}</ul>}
        </div>
      )}
      {job.status === 'committed' && job.counts && (
        <div role="status" class="notice">
          <p>{t('result.done', { date: formatDate(job.committedAt, true) })}</p>
          <ul>
            <li>{t('result.added', { count: job.counts.add })}</li>
            <li>{t('result.updated', { count: job.counts.update })}</li>
            <li>{t('result.unchanged', { count: job.counts.unchanged })}</li>
            <li>{t('result.skipped', { count: job.counts.skip })}</li>
          </ul>
          <p><Link href={back}>{t('result.toList')}</Link></p>
        </div>
      )}
      {job.status === 'discarded' && <p role="status" class="notice">{t('preview.discarded')}</p>}
      {job.status === 'ready' && job.counts && (
        <>
          <Summary job={job} />
          <div class="actions">
            <ConfirmButton label={t('commit.button', { count: job.counts.add + job.counts.update })} title={t('commit.title')} confirmLabel={t('commit.confirm')}
              onConfirm={commit} disabled={job.counts.add + job.counts.update === 0}>
              <p>{t('commit.add', { count: job.counts.add })}</p>
              {job.counts.update > 0 && <p>{t('commit.update', { count: job.counts.update })}</p>}
              {job.counts.skip > 0 && <p>{t('commit.skip', { count: job.counts.skip })}</p>}
              <p>{t('commit.allOrNothing')}</p>
            </ConfirmButton>
            <Discard job={job} onDone={() => navigate(back)} />
          </div>
        </>
      )}
      {job.status === 'failed' && <div class="actions"><Discard job={job} onDone={() => navigate(back)} /></div>}
      {(job.status === 'ready' || job.status === 'failed') && job.header && <Remap job={job} onChanged={onChanged} />}
      {(job.status === 'ready' || job.status === 'committed') && <ImportRows key={job.updatedAt} job={job} />}
      {(job.status === 'failed' || job.status === 'discarded') && <p><Link href={`${back}/import`}>{t('preview.again')}</Link></p>}
    </>
  );
}

function FileFacts({ job }: { job: ImportJob }) {
  const t = useT('lists');
  return (
    <dl class="facts">
      <dt>{t('preview.file')}</dt><dd>{job.fileName ?? '—'}</dd>
      <dt>{t('preview.status')}</dt><dd>{t(`importStatus.${job.status}`)}</dd>
      {job.format && <><dt>{t('preview.format')}</dt><dd>{job.format.toUpperCase()}</dd></>}
      {job.encoding && <><dt>{t('preview.encoding')}</dt><dd>{job.encoding}</dd></>}
      {job.delimiter && <><dt>{t('preview.delimiter')}</dt><dd>{t(`delimiter.${delimiterKey(job.delimiter)}`)}</dd></>}
      <dt>{t('preview.uploaded')}</dt><dd>{formatDate(job.createdAt, true)}</dd>
    </dl>
  );
}

/** What a commit would do: counts of valid, invalid and duplicate rows, and each problem's count. */
function Summary({ job }: { job: ImportJob }) {
  const t = useT('lists');
  const c = job.counts!;
  const problems = Object.entries(c.problems).filter(([, n]) => n > 0);
  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title">{t('summary.title', { count: c.rows })}</h2>
      <ul class="counts">
        <li><strong>{formatNumber(c.add)}</strong> {t('summary.add', { count: c.add })}</li>
        <li><strong>{formatNumber(c.update)}</strong> {t('summary.update', { count: c.update })}</li>
        <li><strong>{formatNumber(c.unchanged)}</strong> {t('summary.unchanged', { count: c.unchanged })}</li>
        <li><strong>{formatNumber(c.skip)}</strong> {t('summary.skip', { count: c.skip })}</li>
      </ul>
      {problems.length > 0 && (
        <>
          <h3>{t('summary.problems')}</h3>
          <ul>{problems.map(([code, n]) => <li key={code}>{t(`rowProblem.${code}.count`, { count: n, defaultValue: `${code}: ${n}` })}</li>)}</ul>
        </>
      )}
    </section>
  );
}

function Discard({ job, onDone }: { job: ImportJob; onDone: () => void }) {
  const t = useT('lists');
  return (
    <ConfirmButton label={t('discard.button')} title={t('discard.title')} confirmLabel={t('discard.confirm')} danger
      onConfirm={async () => { await api(`/api/imports/${encodeURIComponent(job.id)}`, { method: 'DELETE' }); onDone(); }}>
      <p>{t('discard.body')}</p>
    </ConfirmButton>
  );
}
