/** /admin/surveys/{slug}: one survey, its versions, publishing and closing, preview and translations. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../../shared/api.js';
import { formatDate, useT } from '../../i18n.js';
import { Link } from '../../router.js';
import { useSession } from '../../session.js';
import { ConfirmButton } from '../../ui/confirm.js';
import { useSubmit } from '../../ui/forms.js';
import { Loaded, PageTitle, useResource } from '../../ui/page.js';
import { DataTable } from '../../ui/table.js';
import { SubmitButton, UploadForm, useFileUpload } from './upload.js';
import { Languages } from './languages.js';
import { Preview } from './preview.js';
import { languageName, StateBadge, UploadProblem, type SurveyDetail, type VersionMeta } from './ui.js';

export function SurveyPage({ slug }: { slug: string }) {
  const t = useT('surveys');
  const survey = useResource<SurveyDetail>(`/api/surveys/${encodeURIComponent(slug)}`);
  // the report and the preview follow the latest version, so reloading the survey updates them
  const changed = survey.reload;
  return (
    <>
      <nav aria-label={t('detail.crumbs')} class="survey-crumbs"><Link href="/surveys">{t('list.title')}</Link></nav>
      <PageTitle>{survey.data?.title ?? slug}</PageTitle>
      <Loaded resource={survey}>{(s) => (
        <>
          <dl class="facts">
            <dt>{t('detail.slug')}</dt><dd><code>{s.slug}</code></dd>
            <dt>{t('list.state')}</dt><dd><StateBadge state={s.state} /> {t(`stateMeans.${s.state}`)}</dd>
            <dt>{t('list.latest')}</dt><dd>{s.latestVersion}</dd>
            <dt>{t('list.published')}</dt><dd>{s.publishedVersion ?? t('list.none')}</dd>
            <dt>{t('list.languages')}</dt><dd>{s.locales.length ? s.locales.map(languageName).join(', ') : t('list.defaultOnly')}</dd>
          </dl>
          <Publishing survey={s} onChanged={changed} />
          <Preview slug={s.slug} versions={s.versions} />
          <Versions survey={s} onChanged={changed} />
          <Languages slug={s.slug} latest={s.latestVersion} onChanged={changed} />
        </>
      )}</Loaded>
    </>
  );
}

function Publishing({ survey, onChanged }: { survey: SurveyDetail; onChanged: () => void }) {
  const t = useT('surveys');
  const { user } = useSession();
  const [problem, setProblem] = useState<unknown>();
  const [done, setDone] = useState('');
  const said = useRef<HTMLParagraphElement>(null);
  // the button just used may be gone (published, closed): the focus goes to what happened
  useEffect(() => { if (done) said.current?.focus(); }, [done]);
  if (user.role !== 'admin') return null;
  const latest = survey.versions[survey.versions.length - 1];
  const publishable = latest && !latest.publishedAt;
  const path = `/api/surveys/${encodeURIComponent(survey.slug)}`;
  async function run(action: 'publish' | 'close', message: string) {
    setProblem(undefined);
    setDone('');
    try {
      await api(`${path}/${action}`, { method: 'POST', ...(action === 'publish' ? { body: { version: latest.version } } : {}) });
      setDone(message);
      onChanged();
    } catch (error) {
      // faults are listed on the page, where there is room to read them, not in the dialog
      if (error instanceof ApiError && error.errors.length) setProblem(error);
      else throw error;
    }
  }
  return (
    <section aria-labelledby="survey-publishing">
      <h2 id="survey-publishing">{t('publish.title')}</h2>
      {done && <p role="status" class="notice" tabIndex={-1} ref={said}>{done}</p>}
      <div class="survey-buttons">
        {publishable && (
          <ConfirmButton label={t('publish.button', { version: latest.version })} title={t('publish.confirmTitle', { version: latest.version })}
            confirmLabel={t('publish.confirm')} onConfirm={() => run('publish', t('publish.done', { version: latest.version }))}>
            <p>{t('publish.body1', { version: latest.version })}</p>
            <p>{t('publish.body2')}</p>
            {survey.state === 'closed' && <p>{t('publish.reopens')}</p>}
          </ConfirmButton>
        )}
        {!publishable && survey.state !== 'open' && survey.publishedVersion !== null && (
          <ConfirmButton label={t('publish.reopen')} title={t('publish.reopenTitle')} confirmLabel={t('publish.reopen')}
            onConfirm={() => run('publish', t('publish.reopened'))}>
            <p>{t('publish.reopenBody', { version: latest.version })}</p>
          </ConfirmButton>
        )}
        {survey.state === 'open' && (
          <ConfirmButton label={t('close.button')} title={t('close.confirmTitle', { title: survey.title })} confirmLabel={t('close.confirm')} danger
            onConfirm={() => run('close', t('close.done'))}>
            <p>{t('close.body1')}</p>
            <p>{t('close.body2')}</p>
          </ConfirmButton>
        )}
      </div>
      {!publishable && survey.state === 'open' && <p class="hint">{t('publish.upToDate', { version: latest?.version })}</p>}
      <UploadProblem error={problem} />
    </section>
  );
}

function Versions({ survey, onChanged }: { survey: SurveyDetail; onChanged: () => void }) {
  const t = useT('surveys');
  const { user } = useSession();
  const rows = [...survey.versions].reverse();
  return (
    <section aria-labelledby="survey-versions">
      <h2 id="survey-versions">{t('versions.title')}</h2>
      <DataTable caption={t('versions.caption')} rows={rows} rowKey={(v) => String(v.version)} empty={t('versions.empty')} columns={[
        { key: 'version', label: t('versions.number'), cell: (v) => String(v.version) },
        { key: 'state', label: t('list.state'), cell: (v) => (v.publishedAt ? t('versions.publishedOn', { date: formatDate(v.publishedAt) }) : t('versions.draft')) },
        { key: 'created', label: t('versions.created'), cell: (v) => formatDate(v.createdAt, true) },
        { key: 'origin', label: t('versions.origin'), cell: (v: VersionMeta) => t(`origin.${v.origin}`, { defaultValue: v.origin }) },
      ]} />
      {user.role === 'admin' && <NewVersion slug={survey.slug} onChanged={onChanged} />}
    </section>
  );
}

/** PUT definition: a new draft version from a JSON file (published versions never change). */
function NewVersion({ slug, onChanged }: { slug: string; onChanged: () => void }) {
  const t = useT('surveys');
  const file = useFileUpload();
  const [done, setDone] = useState('');
  const form = useSubmit(async () => {
    setDone('');
    const definition = await file.readDefinition();
    const reply = await file.send<VersionMeta & { created: boolean }>(`/api/surveys/${encodeURIComponent(slug)}/definition`,
      new Blob([JSON.stringify(definition)]), 'application/json', 'PUT');
    setDone(reply.created ? t('newVersion.created', { version: reply.version }) : t('newVersion.same', { version: reply.version }));
    file.reset();
    onChanged();
  });
  return (
    <UploadForm id="survey-new-version" title={t('newVersion.title')} intro={t('newVersion.intro')} onSubmit={() => void form.submit()}>
      {file.field({ id: 'version-file', label: t('upload.file'), hint: t('upload.fileHint'), accept: '.json,application/json' })}
      {done && <p role="status" class="notice">{done}</p>}
      <UploadProblem error={form.problem} root={file.definition} />
      <SubmitButton busy={form.busy} label={t('newVersion.submit')} />
    </UploadForm>
  );
}
