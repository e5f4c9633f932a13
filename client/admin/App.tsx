/**
 * The admin interface: finds out who is signed in, then shows the sign-in, the forced password
 * change, or the screen the address names inside the layout (skip link, header with the menu
 * for the user's role, language and sign-out; main landmark).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiError, onUnauthenticated } from '../shared/api.js';
import { applyLanguage, i18n, LanguageContext, LANGUAGES, useT, type Language } from './i18n.js';
import { Link, navigate, useLocation } from './router.js';
import { AREAS, areaOf } from './routes.js';
import { SessionContext, type Session, type User } from './session.js';
import { Loading, NotForYourRole, PageTitle, ProblemAlert } from './ui/page.js';
import { ChangePassword, SetPassword, SignIn } from './screens/account/auth.js';

type State =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'out'; expired: boolean }
  | { status: 'in'; user: User };

export function App() {
  const [language, setLanguage] = useState<string>(i18n.language);
  const [state, setState] = useState<State>({ status: 'loading' });
  const location = useLocation();

  async function loadMe() {
    try {
      setState({ status: 'in', user: await api<User>('/api/me') });
    } catch (error) {
      setState(error instanceof ApiError && error.status === 401 ? { status: 'out', expired: false } : { status: 'failed', error });
    }
  }
  useEffect(() => {
    onUnauthenticated(() => setState((s) => (s.status === 'in' ? { status: 'out', expired: true } : s)));
    applyLanguage(i18n.language as Language, false);
    void loadMe();
  }, []);

  const session = useMemo<Session | null>(() => (state.status !== 'in' ? null : {
    user: state.user,
    refresh: loadMe,
    async signOut() {
      await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
      setState({ status: 'out', expired: false });
      navigate('/');
    },
  }), [state]);

  const chooseLanguage = (tag: Language) => {
    applyLanguage(tag, true);
    setLanguage(tag);
  };

  let content: ComponentChildren;
  if (location.path === '/set-password') content = <SetPassword onDone={() => navigate('/', { replace: true })} />;
  else if (state.status === 'loading') content = <Loading />;
  else if (state.status === 'failed') content = <ProblemAlert error={state.error} />;
  else if (state.status === 'out') content = <SignIn expired={state.expired} onSignedIn={(user) => setState({ status: 'in', user })} />;
  else if (state.user.mustChangePassword) content = <ChangePassword forced onDone={loadMe} />;
  else content = <Screen user={state.user} path={location.path} query={location.query} />;

  return (
    <LanguageContext.Provider value={language}>
      <SessionContext.Provider value={session}>
        <Layout user={session?.user.mustChangePassword ? undefined : session?.user} onLanguage={chooseLanguage} onSignOut={session?.signOut} path={location.path}>{content}</Layout>
      </SessionContext.Provider>
    </LanguageContext.Provider>
  );
}

function Screen({ user, path, query }: { user: User; path: string; query: URLSearchParams }) {
  const t = useT();
  const area = areaOf(path);
  if (!area) return <><PageTitle>{t('notFound.title')}</PageTitle><p>{t('notFound.body')}</p><p><Link href="/">{t('notFound.home')}</Link></p></>;
  if (!area.roles.includes(user.role)) return <NotForYourRole />;
  const Area = area.screen;
  // a new key per area: its state starts afresh, and its heading takes the focus
  return <Area key={area.path} path={area.path === '/' ? '/' : path.slice(area.path.length) || '/'} query={query} />;
}

function Layout({ user, path, onLanguage, onSignOut, children }: {
  user?: User; path: string; onLanguage: (tag: Language) => void; onSignOut?: () => Promise<void>; children: ComponentChildren;
}) {
  const t = useT();
  const current = areaOf(path);
  return (
    <>
      <a class="skip" href="#main">{t('skip')}</a>
      <header class="top">
        <div class="bar">
          <Link href="/" class="brand">{t('app.name')}</Link>
          <div class="tools">
            <label class="language">
              <span class="visually-hidden">{t('language')}</span>
              <select value={i18n.language} onChange={(e) => onLanguage((e.currentTarget as HTMLSelectElement).value as Language)}>
                {LANGUAGES.map((l) => <option key={l.tag} value={l.tag} lang={l.tag}>{l.name}</option>)}
              </select>
            </label>
            {onSignOut && <button type="button" class="link" onClick={() => void onSignOut()}>{t('signOut')}</button>}
          </div>
        </div>
        {user && (
          <nav aria-label={t('nav.label')}>
            <ul>
              {AREAS.filter((a) => a.nav && a.roles.includes(user.role)).map((a) => (
                <li key={a.path}><Link href={a.path} aria-current={current === a ? 'page' : undefined}>{t(a.nav!)}</Link></li>
              ))}
            </ul>
            <p class="who">{user.name ?? user.email} · {t(`role.${user.role}`)}</p>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </>
  );
}
