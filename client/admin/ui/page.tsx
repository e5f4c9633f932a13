/** What every screen has: a titled heading that takes the focus, loading and failure states. */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../shared/api.js';
import type { TFunction } from 'i18next';
import { useT } from '../i18n.js';

/**
 * The screen's heading. It sets the document's title and takes the focus when the screen opens,
 * so keyboard and screen reader users start at the new screen, not at the link they followed.
 */
export function PageTitle({ children, title }: { children: ComponentChildren; title?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const t = useT();
  const text = title ?? (typeof children === 'string' ? children : '');
  useEffect(() => {
    document.title = text ? `${text} · ${t('app.name')}` : t('app.name');
  }, [text, t]);
  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, []);
  return <h1 ref={ref} tabIndex={-1}>{children}</h1>;
}

/** What a screen shows to a role it is not for (the menu does not offer it, but an address can lead there). */
export function NotForYourRole() {
  const t = useT();
  return <><PageTitle>{t('forbidden.title')}</PageTitle><p>{t('forbidden.body')}</p></>;
}

/** A polite "Loading…" for screen readers and eyes alike. */
export function Loading() {
  const t = useT();
  return <p role="status" class="loading">{t('loading')}</p>;
}

/** The message of a failed call: the server's detail, or what to do when it could not be reached. */
export function problemText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('problem.offline');
    // problems the interface knows get its own words, in the interface language; others the server's
    const slug = error.type.replace(/^urn:survey-relay:problem:/, '');
    const known = t(`problems.${slug}`, { defaultValue: '' });
    return known || error.detail || t('problem.generic');
  }
  return t('problem.generic');
}

/**
 * A failed call's message, announced (role="alert"). Field errors that no field on the screen
 * shows (`shown` lists the pointers the form displays itself) are listed under it with their path.
 */
export function ProblemAlert({ error, shown = [] }: { error: unknown; shown?: string[] }) {
  const t = useT();
  if (!error) return null;
  const others = error instanceof ApiError ? error.errors.filter((e) => !shown.includes(e.pointer)) : [];
  return (
    <div role="alert" class="problem">
      <p>{problemText(error, t)}</p>
      {others.length > 0 && (
        <ul>{others.map((e) => <li key={e.pointer + e.message}>{e.pointer && <code>{e.pointer}</code>} {e.message}</li>)}</ul>
      )}
    </div>
  );
}

export interface Resource<T> { data: T | undefined; error: unknown; loading: boolean; reload: () => void }

/** GETs a path (none while it is null) and reloads it when the path changes or on demand. */
export function useResource<T>(path: string | null): Resource<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: path !== null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    api<T>(path).then(
      (data) => { if (live) setState({ data, error: undefined, loading: false }); },
      (error: unknown) => { if (live) setState((s) => ({ data: s.data, error, loading: false })); },
    );
    return () => { live = false; };
  }, [path, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** Shows a resource: loading, its failure, or its data. */
export function Loaded<T>({ resource, children }: { resource: Resource<T>; children: (data: T) => ComponentChildren }) {
  if (resource.data !== undefined) return <>{resource.error ? <ProblemAlert error={resource.error} /> : null}{children(resource.data)}</>;
  if (resource.error) return <ProblemAlert error={resource.error} />;
  return <Loading />;
}
