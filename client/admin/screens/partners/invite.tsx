/** /admin/users/invite: invites someone, then shows their one-time set-password link once. */
import { useState } from 'preact/hooks';
import { api } from '../../../shared/api.js';
import { useT } from '../../i18n.js';
import { Link } from '../../router.js';
import type { Role, User } from '../../session.js';
import { Form, TextField, useSubmit } from '../../ui/forms.js';
import { PageTitle, useResource } from '../../ui/page.js';
import { conflictAt, looksLikeEmail, refuse, type Partner } from './model.js';
import { OneTimeLink } from './one-time-link.js';
import { RolePartnerFields } from './role-partner.js';
import { NS } from './texts.js';

interface Invited { user: User; setPasswordUrl: string; expiresAt: string }

export function InviteUser({ partnerId: preset }: { partnerId: string }) {
  const t = useT(NS);
  const partners = useResource<Partner[]>('/api/partners');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('coordinator');
  const [partnerId, setPartnerId] = useState(preset);
  const [invited, setInvited] = useState<Invited | null>(null);

  const form = useSubmit(async () => {
    refuse(t('users.check'), [
      !email.trim() && { pointer: '/email', message: t('users.emailRequired') },
      email.trim() !== '' && !looksLikeEmail(email.trim()) && { pointer: '/email', message: t('users.emailInvalid') },
      role === 'coordinator' && !partnerId && { pointer: '/partnerId', message: t('users.partnerRequired') },
    ]);
    const body = { email: email.trim(), role, ...(name.trim() ? { name: name.trim() } : {}), partnerId: role === 'coordinator' ? partnerId : null };
    try {
      setInvited(await api<Invited>('/api/users', { body }));
    } catch (error) {
      throw conflictAt(error, '/email', t('users.emailTaken'));
    }
  });

  function again() {
    setInvited(null);
    setEmail('');
    setName('');
    requestAnimationFrame(() => document.getElementById('invite-email')?.focus());
  }

  return (
    <section class="narrow">
      <p class="back"><Link href="/users">{t('users.back')}</Link></p>
      <PageTitle>{t('users.inviteTitle')}</PageTitle>
      {invited ? (
        <>
          <p role="status" class="notice">{t('users.invited', { email: invited.user.email })}</p>
          <OneTimeLink email={invited.user.email} url={invited.setPasswordUrl} expiresAt={invited.expiresAt} focus />
          <div class="actions">
            <Link href={`/users/${encodeURIComponent(invited.user.id)}`} class="button primary">{t('users.openUser')}</Link>
            <button type="button" onClick={again}>{t('users.inviteAnother')}</button>
          </div>
        </>
      ) : (
        <Form onSubmit={() => void form.submit()} problem={form.problem} shown={['/email', '/name', '/role', '/partnerId']} busy={form.busy} submitLabel={t('users.inviteSubmit')}>
          <TextField id="invite-email" label={t('users.email')} type="email" required maxLength={320} autoComplete="off" spellcheck={false}
            error={form.at('/email')} value={email} onValue={setEmail} />
          <TextField id="invite-name" label={t('users.name')} hint={t('users.nameHint')} maxLength={200} autoComplete="off"
            error={form.at('/name')} value={name} onValue={setName} />
          <RolePartnerFields idPrefix="invite" role={role} onRole={setRole} partnerId={partnerId} onPartner={setPartnerId}
            partners={partners} at={form.at} />
        </Form>
      )}
    </section>
  );
}
