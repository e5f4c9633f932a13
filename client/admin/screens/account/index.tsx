/** /admin/account: who you are, your password, and your API tokens for scripts. */
import { useState } from 'preact/hooks';
import { api } from '../../../shared/api.js';
import { formatDate, useT } from '../../i18n.js';
import { useSession } from '../../session.js';
import { ConfirmButton } from '../../ui/confirm.js';
import { Form, TextField, useSubmit } from '../../ui/forms.js';
import { Loaded, PageTitle, useResource } from '../../ui/page.js';
import { DataTable } from '../../ui/table.js';
import { ChangePassword } from './auth.js';

interface ApiToken { id: string; name: string; createdAt: string; expiresAt: string | null; lastUsedAt: string | null; revokedAt: string | null }

export default function Account() {
  const t = useT();
  const { user, refresh } = useSession();
  return (
    <>
      <PageTitle>{t('account.title')}</PageTitle>
      <dl class="facts">
        <dt>{t('account.email')}</dt><dd>{user.email}</dd>
        <dt>{t('account.role')}</dt><dd>{t(`role.${user.role}`)}</dd>
      </dl>
      <ChangePassword onDone={refresh} />
      <Tokens />
    </>
  );
}

function Tokens() {
  const t = useT();
  const tokens = useResource<ApiToken[]>('/api/me/tokens');
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const form = useSubmit(async () => {
    const token = await api<ApiToken & { token: string }>('/api/me/tokens', { body: { name: name.trim() } });
    setCreated(token.token);
    setName('');
    tokens.reload();
  });
  return (
    <section>
      <h2>{t('account.tokens')}</h2>
      <p class="hint">{t('account.tokensHint')}</p>
      {created && (
        <div role="status" class="notice">
          <p>{t('account.tokenShownOnce')}</p>
          <p><code class="secret">{created}</code></p>
        </div>
      )}
      <Form onSubmit={() => void form.submit()} problem={form.problem} shown={['/name']} busy={form.busy} submitLabel={t('account.createToken')}>
        <TextField id="token-name" label={t('account.tokenName')} required maxLength={100} error={form.at('/name')} value={name} onValue={setName} />
      </Form>
      <Loaded resource={tokens}>{(rows) => (
        <DataTable caption={t('account.tokens')} rows={rows} rowKey={(r) => r.id} empty={t('account.noTokens')} columns={[
          { key: 'name', label: t('account.tokenName'), cell: (r) => r.name },
          { key: 'created', label: t('account.created'), cell: (r) => formatDate(r.createdAt) },
          { key: 'used', label: t('account.lastUsed'), cell: (r) => formatDate(r.lastUsedAt) || '—' },
          { key: 'state', label: t('account.state'), cell: (r) => (r.revokedAt ? t('account.revokedOn', { date: formatDate(r.revokedAt) })
            : r.expiresAt && r.expiresAt <= new Date().toISOString() ? t('account.expiredOn', { date: formatDate(r.expiresAt) })
            : r.expiresAt ? t('account.activeUntil', { date: formatDate(r.expiresAt) }) : t('account.active')) },
          { key: 'revoke', label: t('account.actions'), cell: (r) => (r.revokedAt ? '—' :
            <ConfirmButton label={t('account.revoke')} title={t('account.revokeTitle', { name: r.name })} confirmLabel={t('account.revoke')} danger
              onConfirm={async () => { await api(`/api/me/tokens/${r.id}`, { method: 'DELETE' }); tokens.reload(); }}>
              <p>{t('account.revokeBody')}</p>
            </ConfirmButton>
          ) },
        ]} />
      )}</Loaded>
    </section>
  );
}
