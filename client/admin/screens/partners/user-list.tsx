/** /admin/users: every user with their role, partner and state; searched and filtered in the page (the filters stay in the address). */
import { useMemo } from 'preact/hooks';
import { useT } from '../../i18n.js';
import { Link, navigate } from '../../router.js';
import type { User } from '../../session.js';
import { SelectField, TextField } from '../../ui/forms.js';
import { Loaded, PageTitle, useResource } from '../../ui/page.js';
import { DataTable, Pager } from '../../ui/table.js';
import { ROLES, stateOf, USER_STATES, type Partner } from './model.js';
import { NS } from './texts.js';

const PAGE_SIZE = 50;

export function UserList({ query }: { query: URLSearchParams }) {
  const t = useT(NS);
  const common = useT();
  const users = useResource<User[]>('/api/users');
  const partners = useResource<Partner[]>('/api/partners');
  const search = query.get('q') ?? '';
  const role = query.get('role') ?? '';
  const partner = query.get('partner') ?? '';
  const state = query.get('state') ?? '';
  const page = Math.max(1, Number(query.get('page')) || 1);

  function set(name: string, value: string) {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== 'page') next.delete('page');
    const text = next.toString();
    navigate(`/users${text ? `?${text}` : ''}`, { replace: true });
  }

  const partnerNames = useMemo(() => new Map((partners.data ?? []).map((p) => [p.id, p.name])), [partners.data]);
  const found = useMemo(() => {
    const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return (users.data ?? []).filter((u) => (!role || u.role === role) && (!partner || u.partnerId === partner) && (!state || stateOf(u) === state)
      && words.every((w) => u.email.toLowerCase().includes(w) || (u.name ?? '').toLowerCase().includes(w)));
  }, [users.data, search, role, partner, state]);
  const pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
  const shown = found.slice((Math.min(page, pages) - 1) * PAGE_SIZE, Math.min(page, pages) * PAGE_SIZE);

  return (
    <>
      <PageTitle>{common('nav.users')}</PageTitle>
      <p>{t('users.intro')}</p>
      <p><Link href="/users/invite" class="button primary">{t('users.invite')}</Link></p>
      <div role="search">
        <fieldset class="pu-filters">
          <legend>{t('users.filters')}</legend>
          <TextField id="user-search" type="search" label={t('users.search')} value={search} onValue={(v) => set('q', v)} />
          <SelectField id="user-role" label={t('users.role')} value={role} onValue={(v) => set('role', v)}
            options={[{ value: '', label: t('users.roleAll') }, ...ROLES.map((r) => ({ value: r, label: common(`role.${r}`) }))]} />
          <SelectField id="user-partner" label={t('users.partner')} value={partner} onValue={(v) => set('partner', v)}
            options={[{ value: '', label: t('users.partnerAll') }, ...(partners.data ?? []).map((p) => ({ value: p.id, label: p.name }))]} />
          <SelectField id="user-state" label={t('users.state')} value={state} onValue={(v) => set('state', v)}
            options={[{ value: '', label: t('users.stateAll') }, ...USER_STATES.map((s) => ({ value: s, label: t(`users.states.${s}`) }))]} />
        </fieldset>
      </div>
      <Loaded resource={users}>{(all) => (
        <>
          <p role="status" class="pu-meta">{t('users.shown', { shown: found.length, total: all.length })}</p>
          <DataTable caption={t('users.caption')} rows={shown} rowKey={(u) => u.id} empty={t('users.none')} columns={[
            { key: 'email', label: t('users.email'), cell: (u) => <Link href={`/users/${encodeURIComponent(u.id)}`}>{u.email}</Link> },
            { key: 'name', label: t('users.name'), cell: (u) => u.name ?? '—' },
            { key: 'role', label: t('users.role'), cell: (u) => common(`role.${u.role}`) },
            { key: 'partner', label: t('users.partner'), cell: (u) => (u.partnerId ? partnerNames.get(u.partnerId) ?? u.partnerId : t('users.noPartner')) },
            { key: 'state', label: t('users.state'), cell: (u) => <span class={`pu-state pu-${stateOf(u)}`}>{t(`users.states.${stateOf(u)}`)}</span> },
          ]} />
          <Pager page={Math.min(page, pages)} pages={pages} total={found.length} onPage={(p) => set('page', String(p))} />
        </>
      )}</Loaded>
    </>
  );
}
