/** A status that refreshes itself every 30 s while the page is visible (and at once when it becomes visible again after that). */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../../shared/api.js';

export const REFRESH_MS = 30_000;
export function useLiveStatus<T>(path: string) {
  const [state, setState] = useState<{ data?: T; error?: unknown; updatedAt?: Date; loading: boolean }>({ loading: true });
  const last = useRef(0);
  // a board one may not see (or that is gone) is not asked for again every 30 s
  const gone = useRef(false);

  const load = useCallback(async () => {
    last.current = Date.now();
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await api<T>(path);
      setState({ data, updatedAt: new Date(), loading: false });
    } catch (error) {
      gone.current = error instanceof ApiError && (error.status === 403 || error.status === 404);
      setState((s) => ({ ...s, error, loading: false }));
    }
  }, [path]);

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

  return { ...state, reload: load };
}
