/** /admin/lists/{id}/import: choose a CSV or Excel file and send it, with the upload's progress. */
import { useState } from 'preact/hooks';
import { ApiError, upload } from '../../../shared/api.js';
import { useT } from '../../i18n.js';
import { Link, navigate } from '../../router.js';
import { useSubmit } from '../../ui/forms.js';
import { PageTitle, ProblemAlert } from '../../ui/page.js';
import { Progress } from '../../ui/table.js';
import { Crumbs, WithList, listPath } from './shared.js';
import type { ImportJob } from './types.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The content type by the file's name: browsers say different things for .csv (Windows: application/vnd.ms-excel). */
const TYPES: Record<string, string> = { csv: 'text/csv', txt: 'text/plain', tsv: 'text/tab-separated-values', xlsx: XLSX };
const extensionOf = (name: string) => name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';

export function UploadScreen({ listId }: { listId: string }) {
  const t = useT('lists');
  return (
    <WithList listId={listId} title={t('upload.title')}>{(list) => (
      <>
        <Crumbs list={list} />
        <PageTitle>{t('upload.titleFor', { name: list.name })}</PageTitle>
        <p>{t('upload.intro')}</p>
        <ul class="hint">
          <li>{t('upload.formats')}</li>
          <li>{t('upload.columns')}</li>
          <li>{t('upload.preview')}</li>
        </ul>
        <UploadForm listId={list.id} />
      </>
    )}</WithList>
  );
}

function UploadForm({ listId }: { listId: string }) {
  const t = useT('lists');
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const form = useSubmit(async () => {
    const fileProblem = !file ? t('upload.noFile')
      : !TYPES[extensionOf(file.name)] ? t('upload.wrongType', { name: file.name })
      : file.size === 0 ? t('upload.emptyFile', { name: file.name }) : null;
    if (fileProblem) throw new ApiError(422, { detail: fileProblem, errors: [{ pointer: '/file', message: fileProblem }] });
    setSent(0);
    try {
      const job = await upload<ImportJob>(`/api/lists/${encodeURIComponent(listId)}/imports?fileName=${encodeURIComponent(file!.name)}`,
        file!, TYPES[extensionOf(file!.name)], setSent);
      navigate(`${listPath(listId)}/imports/${job.id}`);
    } finally {
      setSent(null);
    }
  });
  const error = form.at('/file');
  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); void form.submit(); }}>
      <div class={error ? 'field invalid' : 'field'}>
        <label for="import-file">{t('upload.file')}</label>
        <p id="import-file-hint" class="hint">{t('upload.fileHint')}</p>
        {error && <p id="import-file-error" class="field-error">{error}</p>}
        <input id="import-file" name="file" type="file" accept=".csv,.txt,.tsv,.xlsx,text/csv,text/plain,text/tab-separated-values"
          aria-describedby={error ? 'import-file-hint import-file-error' : 'import-file-hint'} aria-invalid={error ? true : undefined}
          onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} />
      </div>
      {sent !== null && <Progress label={t('upload.sending')} value={sent} />}
      {!error && <ProblemAlert error={form.problem} />}
      <div class="actions">
        <button type="submit" class="primary" disabled={form.busy} aria-busy={form.busy || undefined}>{form.busy ? t('upload.busy') : t('upload.submit')}</button>
        <Link href={listPath(listId)}>{t('cancel')}</Link>
      </div>
    </form>
  );
}
