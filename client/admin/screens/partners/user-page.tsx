/** /admin/users/<id>: one account: its role and partner, and who may sign in with it. */
import { useState } from 'preact/hooks';
import { api } from '../../../shared/api.js';
import { formatDate, useT } from '../../i18n.js';
import { Link } from '../../router.js';
import { useSession, type Role, type User } from '../../session.js';
import { ConfirmButton } from '../../ui/confirm.js';
import { Form, TextField, useSubmit } from '../../ui/forms.js';
import { Loaded, PageTitle, useResource } from '../../ui/page.js';
import { refuse, stateOf, useEditable, type Partner } from './model.js';
import { OneTimeLink } from './one-time-link.js';
import { RolePartnerFields } from './role-partner.js';
import { NS } from './texts.js';

export function UserPage({ userId }: { userId: string }) {
  const t = useT(NS);
  const common = useT();
  const { resource, current, setSaved: setUser } = useEditable<User>(`/api/users/${encodeURIComponent(userId)}`);
  return (
    <>
      <p class="back"><Link href="/users">{t('users.back')}</Link></p>
      {/* the heading is there from the start (it takes the focus), named once the account is loaded */}
      <PageTitle>{current ? current.name ?? current.email : common('nav.users')}</PageTitle>
      <Loaded resource={resource}>{() => current && <Account user={current} onChange={setUser} />}</Loaded>
    </>
  );
}

function Account({ user, onChange }: { user: User; onChange: (user: User) => void }) {
  const t = useT(NS);
  const common = useT();
  const me = useSession().user;
  const self = me.id === user.id;
  const state = stateOf(user);
  return (
    <>
      <dl class="facts">
        <dt>{t('users.email')}</dt><dd>{user.email}</dd>
        <dt>{t('users.role')}</dt><dd>{common(`role.${user.role}`)}</dd>
        <dt>{t('users.state')}</dt>
        <dd><span class={`pu-state pu-${state}`}>{t(`users.states.${state}`)}</span>{user.disabledAt && ` · ${t('users.disabledOn', { date: formatDate(user.disabledAt, true) })}`}</dd>
        <dt>{t('users.created')}</dt><dd>{formatDate(user.createdAt, true)}</dd>
      </dl>
      {self && <p class="notice">{t('users.you')}</p>}
      <div class="pu-columns">
        <EditUser user={user} self={self} onSaved={onChange} />
        <Access user={user} self={self} onChange={onChange} />
      </div>
    </>
  );
}

function EditUser({ user, self, onSaved }: { user: User; self: boolean; onSaved: (user: User) => void }) {
  const t = useT(NS);
  const partners = useResource<Partner[]>('/api/partners');
  const [name, setName] = useState(user.name ?? '');
  const [role, setRole] = useState<Role>(user.role);
  const [partnerId, setPartnerId] = useState(user.partnerId ?? '');
  const [saved, setSaved] = useState(false);
  const form = useSubmit(async () => {
    setSaved(false);
    refuse(t('users.check'), [role === 'coordinator' && !partnerId && { pointer: '/partnerId', message: t('users.partnerRequired') }]);
    const body = { name: name.trim() || null, ...(self ? {} : { role, partnerId: role === 'coordinator' ? partnerId : null }) };
    onSaved(await api<User>(`/api/users/${encodeURIComponent(user.id)}`, { method: 'PATCH', body }));
    setSaved(true);
  });
  return (
    <section class="narrow" aria-labelledby="user-edit">
      <h2 id="user-edit">{t('users.edit')}</h2>
      {saved && <p role="status" class="notice">{t('users.saved')}</p>}
      <Form onSubmit={() => void form.submit()} problem={form.problem} shown={['/name', '/role', '/partnerId']} busy={form.busy} submitLabel={t('users.save')}>
        <TextField id="user-name" label={t('users.name')} hint={t('users.nameHint')} maxLength={200} autoComplete="off"
          error={form.at('/name')} value={name} onValue={setName} />
        <RolePartnerFields idPrefix="user" role={role} onRole={setRole} partnerId={partnerId} onPartner={setPartnerId}
          partners={partners} at={form.at} disabled={self} />
      </Form>
    </section>
  );
}

function Access({ user, self, onChange }: { user: User; self: boolean; onChange: (user: User) => void }) {
  const t = useT(NS);
  const [link, setLink] = useState<{ setPasswordUrl: string; expiresAt: string } | null>(null);
  const [done, setDone] = useState('');
  const path = `/api/users/${encodeURIComponent(user.id)}`;
  const email = user.email;
  async function setDisabled(disabled: boolean) {
    onChange(await api<User>(path, { method: 'PATCH', body: { disabled } }));
    setLink(null);
    setDone(t(disabled ? 'users.disableDone' : 'users.enableDone'));
  }
  return (
    <section aria-labelledby="user-access">
      <h2 id="user-access">{t('users.access')}</h2>
      <p role="status" class={done ? 'notice' : undefined}>{done}</p>
      {link && <OneTimeLink email={email} url={link.setPasswordUrl} expiresAt={link.expiresAt} />}
      <div class="pu-action">
        <ConfirmButton label={t('users.newLink')} title={t('users.newLinkTitle', { email })} confirmLabel={t('users.newLinkConfirm')} disabled={!!user.disabledAt}
          onConfirm={async () => { setDone(''); setLink(await api(`${path}/password-link`, { method: 'POST' })); }}>
          <p>{t('users.newLinkBody')}</p>
        </ConfirmButton>
        <p class="hint">{t(user.disabledAt ? 'users.newLinkDisabled' : 'users.newLinkHint')}</p>
      </div>
      {!self && <div class="pu-action">
        <ConfirmButton label={t('users.revoke')} title={t('users.revokeTitle', { email })} confirmLabel={t('users.revoke')} danger
          onConfirm={async () => { await api(`${path}/revoke-credentials`, { method: 'POST' }); setDone(t('users.revokeDone', { email })); }}>
          <p>{t('users.revokeBody')}</p>
        </ConfirmButton>
        <p class="hint">{t('users.revokeHint')}</p>
      </div>}
      {!self && (
        <div class="pu-action">
          {user.disabledAt
            ? <ConfirmButton label={t('users.enable')} title={t('users.enableTitle', { email })} confirmLabel={t('users.enable')}
                onConfirm={() => setDisabled(false)}><p>{t('users.enableBody')}</p></ConfirmButton>
            : <ConfirmButton label={t('users.disable')} title={t('users.disableTitle', { email })} confirmLabel={t('users.disable')} danger
                onConfirm={() => setDisabled(true)}><p>{t('users.disableBody')}</p></ConfirmButton>}
          {!user.disabledAt && <p class="hint">{t('users.disableHint')}</p>}
        </div>
      )}
    </section>
  );
}
