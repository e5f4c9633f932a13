/**
 * The preview of any version in any of its languages, as a respondent sees it on a phone: the
 * answering page itself (drafts compiled on demand by the server, nothing stored) in a frame
 * 360 px wide, or in a tab of its own.
 */
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../../i18n.js';
import { SelectField } from '../../ui/forms.js';
import { ProblemAlert, useResource } from '../../ui/page.js';
import { languageName, ownLanguage, type LocaleReport, type VersionMeta } from './ui.js';

export function Preview({ slug, versions }: { slug: string; versions: VersionMeta[] }) {
  const t = useT('surveys');
  const latest = versions[versions.length - 1]?.version ?? 1;
  const [version, setVersion] = useState(String(latest));
  // a new version uploaded here is the one to look at
  useEffect(() => setVersion(String(latest)), [latest]);
  const report = useResource<LocaleReport>(`/api/surveys/${encodeURIComponent(slug)}/languages?version=${version}`);
  const languages = report.data ? [...new Set([ownLanguage(report.data), ...report.data.locales.map((l) => l.locale)])] : [];
  const [lang, setLang] = useState('');
  const chosen = languages.includes(lang) ? lang : languages[0];
  const src = chosen ? `/preview/${encodeURIComponent(slug)}/${version}?lang=${encodeURIComponent(chosen)}` : null;
  const meta = versions.find((v) => String(v.version) === version);
  return (
    <section aria-labelledby="survey-preview">
      <h2 id="survey-preview">{t('preview.title')}</h2>
      <p class="hint">{t('preview.intro')}</p>
      <div class="survey-preview-choice">
        <SelectField id="preview-version" label={t('preview.version')} value={version} onValue={setVersion}
          options={[...versions].reverse().map((v) => ({ value: String(v.version), label: t(v.publishedAt ? 'preview.published' : 'preview.draft', { version: v.version }) }))} />
        <SelectField id="preview-language" label={t('preview.language')} value={chosen ?? ''} onValue={setLang} disabled={!languages.length}
          options={languages.map((l) => ({ value: l, label: languageName(l) }))} />
      </div>
      <ProblemAlert error={report.error} />
      {src && meta && (
        <>
          <p><a href={src} target="_blank" rel="noopener">{t('preview.newTab')}</a></p>
          <iframe class="survey-phone" src={src} key={src}
            title={t('preview.frameTitle', { version, language: languageName(chosen!), state: t(meta.publishedAt ? 'preview.stPublished' : 'preview.stDraft') })} />
        </>
      )}
    </section>
  );
}
