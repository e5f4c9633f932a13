/**
 * Routing under /admin with the History API: the server sends the same page for every /admin
 * path, so links can be bookmarked, reloaded and opened in a new tab. After each navigation the
 * screen's heading takes the focus (see PageTitle), so a screen reader announces the new screen.
 */
import type { ComponentChildren, PartialAnchorHTMLAttributes } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/admin';
const listeners = new Set<() => void>();

/** The path under /admin ('/' for /admin itself), and the query. */
export function currentLocation(): { path: string; query: URLSearchParams } {
  const rest = location.pathname.slice(BASE.length).replace(/\/+$/, '');
  return { path: rest.startsWith('/') ? rest : `/${rest}`, query: new URLSearchParams(location.search) };
}

export function navigate(to: string, options: { replace?: boolean } = {}) {
  const url = to.startsWith(BASE) ? to : `${BASE}${to === '/' ? '' : to}`;
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  for (const listener of listeners) listener();
}

/** Re-renders on every navigation (links, back and forward buttons). */
export function useLocation() {
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => setTick((n) => n + 1);
    listeners.add(update);
    addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  return currentLocation();
}

/**
 * Matches a path against a pattern such as '/lists/:id/imports/:importId'; a trailing '/*'
 * matches the pattern and anything below it. Returns the parameters, or null.
 */
export function match(pattern: string, path: string): Record<string, string> | null {
  const prefix = pattern.endsWith('/*');
  const want = (prefix ? pattern.slice(0, -2) : pattern).split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (prefix ? got.length < want.length : got.length !== want.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

/** A link inside the admin interface: a real href (opens in a new tab), navigated without a reload. */
export function Link({ href, children, ...rest }: { href: string; children: ComponentChildren } & Omit<PartialAnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'role'>) {
  const url = href.startsWith(BASE) ? href : `${BASE}${href === '/' ? '' : href}`;
  return (
    <a {...rest} href={url} onClick={(event) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(url);
    }}>{children}</a>
  );
}
