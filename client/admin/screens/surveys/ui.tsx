/** The pieces the survey screens share: a file field, an upload's faults in words, state and language names. */
import type { ComponentChildren } from 'preact';
import { ApiError } from '../../../shared/api.js';
import { i18n, useT } from '../../i18n.js';
import { problemText } from '../../ui/page.js';
import { readablePath } from './paths.js';

export type SurveyState = 'draft' | 'open' | 'closed';
export interface SurveySummary {
  id: string; slug: string; state: SurveyState; title: string; latestVersion: number; publishedVersion: number | null;
  locales: string[]; createdAt: string; updatedAt: string;
}
export interface VersionMeta { version: number; title: string; origin: string; definitionHash: string; createdAt: string; publishedAt: string | null }
export interface SurveyDetail extends SurveySummary { versions: VersionMeta[] }
export interface LocaleReport {
  slug: string; version: number; defaultLocale: string; total: number;
  locales: { locale: string; translated: number; total: number; missing: string[] }[];
}

/** The language of a survey's own texts: the definition's `locale`, else English, as the answering pages take it. */
export const ownLanguage = (report: LocaleReport) => (report.defaultLocale && report.defaultLocale !== 'default' ? report.defaultLocale : 'en');

/** A language tag in the interface's language ("sv" → "Swedish"), the tag itself when unknown. */
export function languageName(tag: string): string {
  try {
    const name = new Intl.DisplayNames([i18n.language], { type: 'language' }).of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}

export function StateBadge({ state }: { state: SurveyState }) {
  const t = useT('surveys');
  return <span class={`survey-state survey-state-${state}`}>{t(`state.${state}`)}</span>;
}

export function FileField({ id, label, hint, error, accept, onFile, disabled }: {
  id: string; label: ComponentChildren; hint?: ComponentChildren; error?: string; accept: string; onFile: (file: File | null) => void; disabled?: boolean;
}) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint && <p id={`${id}-hint`} class="hint">{hint}</p>}
      {error && <p id={`${id}-error`} class="field-error">{error}</p>}
      <input id={id} name={id} type="file" accept={accept} disabled={disabled} aria-describedby={ids || undefined} aria-invalid={error ? true : undefined}
        onChange={(e) => onFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} />
    </div>
  );
}

/**
 * An upload's failure, announced: the server's summary, then every fault as "where: what", the
 * place in words (named from `root`, the definition sent) with its JSON pointer beside it.
 */
export function UploadProblem({ error, root, within = '', skip = [] }: {
  error: unknown; root?: unknown;
  /** the pointer of `root` in the request (`/definition` when the definition is sent inside an object) */
  within?: string;
  /** pointers a field shows itself */
  skip?: string[];
}) {
  const t = useT('surveys');
  const common = useT();
  if (!error) return null;
  const faults = error instanceof ApiError ? error.errors.filter((e) => !skip.includes(e.pointer)) : [];
  return (
    <div role="alert" class="problem">
      {/* the server's summary is in English; the count is said in the interface's language */}
      <p>{error instanceof ApiError && error.status === 422 && faults.length ? t('upload.faults', { count: faults.length }) : problemText(error, common)}</p>
      {faults.length > 0 && (
        <ul class="survey-faults">
          {faults.map((f) => (
            <li key={f.pointer + f.message}>
              <strong>{readablePath(f.pointer.startsWith(within) ? f.pointer.slice(within.length) : f.pointer, t, root)}</strong>: {f.message}
              {f.pointer && <> <code class="survey-pointer">{f.pointer}</code></>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
