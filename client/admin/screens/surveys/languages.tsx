/**
 * Translations: how complete each language is (every missing string listed), the translation
 * spreadsheet to download (with empty columns for new languages) and to upload filled in.
 */
import { useState } from 'preact/hooks';
import { formatNumber, useT } from '../../i18n.js';
import { useSession } from '../../session.js';
import { TextField, useSubmit } from '../../ui/forms.js';
import { Loaded, useResource } from '../../ui/page.js';
import { SubmitButton, UploadForm, useFileUpload } from './upload.js';
import { languageName, ownLanguage, UploadProblem, type LocaleReport } from './ui.js';

interface MergeReply { version: number; created: boolean; basedOnVersion: number; updated: number; addedLocales: string[]; defaultChanged: string[] }

export function Languages({ slug, latest, onChanged }: { slug: string; latest: number; onChanged: () => void }) {
  const t = useT('surveys');
  const { user } = useSession();
  const report = useResource<LocaleReport>(`/api/surveys/${encodeURIComponent(slug)}/languages?version=${latest}`);
  return (
    <section aria-labelledby="survey-languages">
      <h2 id="survey-languages">{t('languages.title')}</h2>
      <Loaded resource={report}>{(r) => (
        <>
          <p>{t('languages.intro', { version: r.version, language: languageName(ownLanguage(r)), count: r.total })}</p>
          {r.locales.length === 0 ? <p class="empty">{t('languages.none')}</p> : (
            <ul class="survey-locales">
              {r.locales.map((l) => (
                <li key={l.locale}>
                  <label>
                    <span class="survey-locale-name">{languageName(l.locale)}</span>
                    <progress max={l.total || 1} value={l.translated} />
                    <span>{t('languages.count', { translated: formatNumber(l.translated), total: formatNumber(l.total) })}</span>
                  </label>
                  {l.missing.length === 0 ? <p class="survey-complete">{t('languages.complete')}</p> : (
                    <details>
                      <summary>{t('languages.missing', { count: l.missing.length })}</summary>
                      <ul class="survey-missing">{l.missing.map((key) => <li key={key}><code>{key}</code></li>)}</ul>
                    </details>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}</Loaded>
      <Download slug={slug} />
      {user.role === 'admin' && <UploadTranslations slug={slug} onChanged={onChanged} />}
    </section>
  );
}

/** Language tags as the server accepts them (BCP 47), checked here so the link never leads to an error page. */
function badTags(tags: string[]): string[] {
  return tags.filter((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length !== 1;
    } catch {
      return true;
    }
  });
}

function Download({ slug }: { slug: string }) {
  const t = useT('surveys');
  const [add, setAdd] = useState('');
  const tags = add.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);
  const bad = badTags(tags);
  const href = `/api/surveys/${encodeURIComponent(slug)}/translations.csv${tags.length && !bad.length ? `?add=${encodeURIComponent(tags.join(','))}` : ''}`;
  return (
    <div class="survey-subform">
      <h3>{t('csv.downloadTitle')}</h3>
      <p class="hint">{t('csv.downloadIntro')}</p>
      <TextField id="csv-add" label={t('csv.add')} hint={t('csv.addHint')} spellcheck={false} autoComplete="off" maxLength={200}
        error={bad.length ? t('csv.badTags', { tags: bad.join(', ') }) : undefined} value={add} onValue={setAdd} />
      {!bad.length && <p><a class="survey-button-link" href={href} download>{tags.length ? t('csv.downloadWith', { languages: tags.join(', ') }) : t('csv.download')}</a></p>}
    </div>
  );
}

function UploadTranslations({ slug, onChanged }: { slug: string; onChanged: () => void }) {
  const t = useT('surveys');
  const file = useFileUpload();
  const [done, setDone] = useState<MergeReply | null>(null);
  const form = useSubmit(async () => {
    setDone(null);
    const csv = file.chosen();
    const reply = await file.send<MergeReply>(`/api/surveys/${encodeURIComponent(slug)}/translations`, csv, 'text/csv', 'PUT');
    setDone(reply);
    file.reset();
    onChanged();
  });
  return (
    <UploadForm id="survey-csv-upload" title={t('csv.uploadTitle')} intro={t('csv.uploadIntro')} onSubmit={() => void form.submit()}>
      {file.field({ id: 'csv-file', label: t('csv.file'), hint: t('csv.fileHint'), accept: '.csv,text/csv' })}
      {done && (
        <div role="status" class="notice">
          <p>{done.created ? t('csv.created', { version: done.version, base: done.basedOnVersion, count: done.updated }) : t('csv.unchanged', { version: done.version })}</p>
          {done.addedLocales.length > 0 && <p>{t('csv.added', { languages: done.addedLocales.map(languageName).join(', ') })}</p>}
          {done.defaultChanged.length > 0 && <p>{t('csv.defaultChanged', { count: done.defaultChanged.length, keys: done.defaultChanged.join(', ') })}</p>}
        </div>
      )}
      <UploadProblem error={form.problem} />
      <SubmitButton busy={form.busy} label={t('csv.submit')} />
    </UploadForm>
  );
}
