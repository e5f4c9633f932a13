/** /admin/surveys: every survey with its state, versions and languages; admins upload a new one. */
import { useState } from 'preact/hooks';
import { formatDate, useT } from '../../i18n.js';
import { Link, navigate } from '../../router.js';
import { useSession } from '../../session.js';
import { TextField, useSubmit } from '../../ui/forms.js';
import { Loaded, PageTitle, useResource } from '../../ui/page.js';
import { DataTable } from '../../ui/table.js';
import { SubmitButton, useFileUpload } from './upload.js';
import { languageName, StateBadge, UploadProblem, type SurveyDetail, type SurveySummary } from './ui.js';

export function SurveyList() {
  const t = useT('surveys');
  const { user } = useSession();
  const surveys = useResource<SurveySummary[]>('/api/surveys');
  return (
    <>
      <PageTitle>{t('list.title')}</PageTitle>
      <p class="hint">{t(user.role === 'admin' ? 'list.introAdmin' : 'list.intro')}</p>
      <Loaded resource={surveys}>{(rows) => (
        <DataTable caption={t('list.caption')} rows={rows} rowKey={(r) => r.id} empty={t('list.empty')} columns={[
          { key: 'title', label: t('list.survey'), cell: (r) => <><Link href={`/surveys/${r.slug}`}>{r.title}</Link><br /><code>{r.slug}</code></> },
          { key: 'state', label: t('list.state'), cell: (r) => <StateBadge state={r.state} /> },
          { key: 'latest', label: t('list.latest'), cell: (r) => String(r.latestVersion) },
          { key: 'published', label: t('list.published'), cell: (r) => (r.publishedVersion === null ? t('list.none') : String(r.publishedVersion)) },
          { key: 'languages', label: t('list.languages'), cell: (r) => (r.locales.length ? r.locales.map(languageName).join(', ') : t('list.defaultOnly')) },
          { key: 'updated', label: t('list.updated'), cell: (r) => formatDate(r.updatedAt) },
        ]} />
      )}</Loaded>
      {user.role === 'admin' && <CreateSurvey />}
    </>
  );
}

/** Upload a SurveyJS JSON file as a new survey: read and parsed here first, so a syntax error never leaves the browser. */
function CreateSurvey() {
  const t = useT('surveys');
  const file = useFileUpload();
  const [slug, setSlug] = useState('');
  const form = useSubmit(async () => {
    const definition = await file.readDefinition();
    const body = new Blob([JSON.stringify({ ...(slug.trim() ? { slug: slug.trim() } : {}), definition })]);
    const created = await file.send<SurveyDetail>('/api/surveys', body, 'application/json');
    navigate(`/surveys/${created.slug}`);
  });
  return (
    <section aria-labelledby="survey-create">
      <h2 id="survey-create">{t('upload.title')}</h2>
      <p class="hint">{t('upload.intro')}</p>
      <form noValidate onSubmit={(e) => { e.preventDefault(); void form.submit(); }}>
        {file.field({ id: 'survey-file', label: t('upload.file'), hint: t('upload.fileHint'), accept: '.json,application/json' })}
        <TextField id="survey-slug" label={t('upload.slug')} hint={t('upload.slugHint')} maxLength={64} spellcheck={false} autoComplete="off"
          error={form.at('/slug')} value={slug} onValue={setSlug} />
        <UploadProblem error={form.problem} root={file.definition} within="/definition" skip={['/slug']} />
        <SubmitButton busy={form.busy} label={t('upload.submit')} />
      </form>
    </section>
  );
}
