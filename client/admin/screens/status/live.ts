/**
 * A status that refreshes itself every 30 s while the page is visible (and at once when it
 * becomes visible again after that), keeping what it saw in this tab so the over-time chart
 * has points: the status API gives totals only, not counts per day.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../../shared/api.js';

export const REFRESH_MS = 30_000;
const KEEP = 240;

export interface Sample { at: string; started: number; completed: number }

function stored(key: string): Sample[] {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Sample[]) : [];
  } catch {
    return [];
  }
}

export function useLiveStatus<T extends { total: { started: number; completed: number } }>(path: string) {
  const key = `relay.admin.samples:${path}`;
  const [state, setState] = useState<{ data?: T; error?: unknown; updatedAt?: Date; loading: boolean }>({ loading: true });
  const [samples, setSamples] = useState<Sample[]>(() => stored(key));
  const last = useRef(0);
  // a board one may not see (or that is gone) is not asked for again every 30 s
  const gone = useRef(false);

  const load = useCallback(async () => {
    last.current = Date.now();
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await api<T>(path);
      const at = new Date();
      setState({ data, updatedAt: at, loading: false });
      setSamples((old) => {
        const next = [...old, { at: at.toISOString(), started: data.total.started, completed: data.total.completed }].slice(-KEEP);
        try { sessionStorage.setItem(key, JSON.stringify(next)); } catch { /* the chart keeps them in memory only */ }
        return next;
      });
    } catch (error) {
      gone.current = error instanceof ApiError && (error.status === 403 || error.status === 404);
      setState((s) => ({ ...s, error, loading: false }));
    }
  }, [path, key]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => { if (document.visibilityState === 'visible' && !gone.current) void load(); }, REFRESH_MS);
    const onVisible = () => { if (document.visibilityState === 'visible' && !gone.current && Date.now() - last.current >= REFRESH_MS) void load(); };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [load]);

  return { ...state, samples, reload: load };
}
