/**
 * A file chosen for upload: its field (with the file's own problem next to it), reading a survey
 * definition before anything is sent, and the upload with its progress.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { upload } from '../../../shared/api.js';
import { useT } from '../../i18n.js';
import { Progress } from '../../ui/table.js';
import { FileProblem, readDefinition } from './files.js';
import { FileField } from './ui.js';

export function useFileUpload() {
  const t = useT('surveys');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [progress, setProgress] = useState<number | undefined>();
  const [definition, setDefinition] = useState<Record<string, unknown>>();
  // a new key empties the file input after a successful upload
  const [key, setKey] = useState(0);

  /** The problem at the field, and a summary for the form's alert. */
  function refuse(message: string): never {
    setError(message);
    throw new FileProblem(t('upload.check'));
  }

  return {
    definition,
    /** the chosen file, or its field says to choose one */
    chosen(): File {
      setError(undefined);
      return file ?? refuse(t('file.choose'));
    },
    /** the chosen file as a survey definition; a JSON syntax error is shown at the field with its line and column */
    async readDefinition(): Promise<Record<string, unknown>> {
      const chosen = this.chosen();
      try {
        const parsed = await readDefinition(chosen, t);
        setDefinition(parsed);
        return parsed;
      } catch (problem) {
        if (problem instanceof FileProblem) refuse(problem.message);
        throw problem;
      }
    },
    async send<T>(path: string, body: Blob, contentType: string, method: 'POST' | 'PUT' = 'POST'): Promise<T> {
      setProgress(0);
      try {
        return await upload<T>(path, body, contentType, setProgress, method);
      } finally {
        setProgress(undefined);
      }
    },
    reset() {
      setFile(null);
      setKey((k) => k + 1);
    },
    field({ id, label, hint, accept }: { id: string; label: string; hint: string; accept: string }) {
      return (
        <>
          <FileField key={key} id={id} label={label} hint={hint} accept={accept} error={error} onFile={(f) => { setFile(f); setError(undefined); }} />
          {progress !== undefined && <Progress label={t('upload.sending')} value={progress} />}
        </>
      );
    },
  };
}

/** A form's submit button that says when it is working. */
export function SubmitButton({ busy, label }: { busy: boolean; label: string }) {
  const t = useT();
  return (
    <div class="actions">
      <button type="submit" class="primary" disabled={busy} aria-busy={busy || undefined}>{busy ? t('working') : label}</button>
    </div>
  );
}

/** A titled upload form on a survey's page. */
export function UploadForm({ id, title, intro, onSubmit, children }: { id: string; title: string; intro: string; onSubmit: () => void; children: ComponentChildren }) {
  return (
    <form noValidate class="survey-subform" aria-labelledby={id} onSubmit={(e) => { e.preventDefault(); onSubmit(); }}>
      <h3 id={id}>{title}</h3>
      <p class="hint">{intro}</p>
      {children}
    </form>
  );
}
