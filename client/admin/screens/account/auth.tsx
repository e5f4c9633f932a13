/** Signing in, setting a password from an invitation link, and changing one's password. */
import type { TFunction } from 'i18next';
import { useState } from 'preact/hooks';
import { api, ApiError } from '../../../shared/api.js';
import { useT } from '../../i18n.js';
import type { User } from '../../session.js';
import { Form, TextField, useSubmit } from '../../ui/forms.js';
import { PageTitle } from '../../ui/page.js';

/** The server's rule (server/modules/accounts/service.ts), checked here first so the message is in the interface's language. */
export const MIN_PASSWORD_LENGTH = 12;

function checkNewPassword(password: string, repeat: string, t: TFunction, pointer: string) {
  const errors = [];
  if (password.length < MIN_PASSWORD_LENGTH) errors.push({ pointer, message: t('password.tooShort', { min: MIN_PASSWORD_LENGTH }) });
  if (repeat !== password) errors.push({ pointer: '/repeat', message: t('password.mismatch') });
  if (errors.length) throw new ApiError(422, { detail: t('password.check'), errors });
}

export function SignIn({ expired, onSignedIn }: { expired: boolean; onSignedIn: (user: User) => void }) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useSubmit(async () => {
    try {
      const { user } = await api<{ user: User }>('/api/auth/login', { body: { email, password } });
      onSignedIn(user);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) throw new ApiError(401, { detail: t('signIn.wrong') });
      if (error instanceof ApiError && error.status === 400) throw new ApiError(400, { detail: t('signIn.missing') });
      throw error;
    }
  });
  return (
    <section class="narrow">
      <PageTitle>{t('signIn.title')}</PageTitle>
      {expired && <p role="status" class="notice">{t('signIn.expired')}</p>}
      <Form onSubmit={() => void form.submit()} problem={form.problem} busy={form.busy} submitLabel={t('signIn.submit')}>
        <TextField id="email" label={t('signIn.email')} type="email" autoComplete="username" required value={email} onValue={setEmail} />
        <TextField id="password" label={t('signIn.password')} type="password" autoComplete="current-password" required value={password} onValue={setPassword} />
      </Form>
      <p class="hint">{t('signIn.forgot')}</p>
    </section>
  );
}

/** /admin/set-password#token=…: the link in an invitation (the token stays in the fragment, never sent to a server or a log). */
export function SetPassword({ onDone }: { onDone: () => void }) {
  const t = useT();
  const [token] = useState(() => new URLSearchParams(location.hash.slice(1)).get('token') ?? '');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState<User | null>(null);
  const form = useSubmit(async () => {
    checkNewPassword(password, repeat, t, '/password');
    const user = await api<User>('/api/auth/set-password', { body: { token, password } });
    // the used link leaves the address bar and the history
    history.replaceState(null, '', location.pathname);
    setDone(user);
  });
  if (!token) {
    return <section class="narrow"><PageTitle>{t('setPassword.title')}</PageTitle><p role="alert" class="problem">{t('setPassword.noToken')}</p></section>;
  }
  if (done) {
    return (
      <section class="narrow">
        <PageTitle>{t('setPassword.doneTitle')}</PageTitle>
        <p role="status">{t('setPassword.done', { email: done.email })}</p>
        <p><button type="button" class="primary" onClick={onDone}>{t('setPassword.signIn')}</button></p>
      </section>
    );
  }
  return (
    <section class="narrow">
      <PageTitle>{t('setPassword.title')}</PageTitle>
      <p>{t('setPassword.intro', { min: MIN_PASSWORD_LENGTH })}</p>
      <Form onSubmit={() => void form.submit()} problem={form.problem} shown={['/password', '/repeat']} busy={form.busy} submitLabel={t('setPassword.submit')}>
        <TextField id="password" label={t('password.new')} type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH}
          hint={t('password.hint', { min: MIN_PASSWORD_LENGTH })} error={form.at('/password')} value={password} onValue={setPassword} />
        <TextField id="repeat" label={t('password.repeat')} type="password" autoComplete="new-password" required error={form.at('/repeat')} value={repeat} onValue={setRepeat} />
      </Form>
    </section>
  );
}

/** Changing one's password: forced at the first sign-in with a generated or reset password. */
export function ChangePassword({ forced = false, onDone }: { forced?: boolean; onDone: () => void | Promise<void> }) {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [changed, setChanged] = useState(false);
  const form = useSubmit(async () => {
    checkNewPassword(password, repeat, t, '/newPassword');
    await api('/api/me/password', { body: { currentPassword: current, newPassword: password } });
    setCurrent(''); setPassword(''); setRepeat('');
    setChanged(true);
    await onDone();
  });
  const fields = (
    <Form onSubmit={() => void form.submit()} problem={form.problem} shown={['/currentPassword', '/newPassword', '/repeat']} busy={form.busy} submitLabel={t('password.submit')}>
      <TextField id="currentPassword" label={t('password.current')} type="password" autoComplete="current-password" required
        error={form.at('/currentPassword')} value={current} onValue={setCurrent} />
      <TextField id="newPassword" label={t('password.new')} type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH}
        hint={t('password.hint', { min: MIN_PASSWORD_LENGTH })} error={form.at('/newPassword')} value={password} onValue={setPassword} />
      <TextField id="repeat" label={t('password.repeat')} type="password" autoComplete="new-password" required error={form.at('/repeat')} value={repeat} onValue={setRepeat} />
    </Form>
  );
  if (!forced) return <section><h2>{t('password.title')}</h2>{changed && <p role="status" class="notice">{t('password.changed')}</p>}{fields}</section>;
  return (
    <section class="narrow">
      <PageTitle>{t('password.forcedTitle')}</PageTitle>
      <p>{t('password.forced')}</p>
      {fields}
    </section>
  );
}
