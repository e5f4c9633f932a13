/** /admin/partners/<id>: one partner's details to change, its people, and its lists' count. */
import { formatNumber, useT } from '../../i18n.js';
import { Link, navigate } from '../../router.js';
import type { User } from '../../session.js';
import { Loaded, PageTitle, useResource } from '../../ui/page.js';
import { stateOf, useEditable, type Partner } from './model.js';
import { PartnerForm } from './partner-form.js';
import { NS } from './texts.js';

export function PartnerPage({ partnerId, created }: { partnerId: string; created: boolean }) {
  const t = useT(NS);
  const common = useT();
  const { resource: partner, current, saved, setSaved } = useEditable<Partner>(`/api/partners/${encodeURIComponent(partnerId)}`);
  return (
    <>
      <p class="back"><Link href="/partners">{t('partners.back')}</Link></p>
      <PageTitle>{current?.name ?? common('nav.partners')}</PageTitle>
      <Loaded resource={partner}>{() => current && (
        <>
          {created && !saved && <p role="status" class="notice">{t('partners.created', { name: current.name })}</p>}
          {saved && <p role="status" class="notice">{t('partners.saved')}</p>}
          <div class="pu-columns">
            <div class="narrow">
              <PartnerForm partner={current} onSaved={(p) => { setSaved(p); navigate(`/partners/${encodeURIComponent(p.id)}`, { replace: true }); }} />
            </div>
            <People partner={current} />
          </div>
        </>
      )}</Loaded>
    </>
  );
}

function People({ partner }: { partner: Partner }) {
  const t = useT(NS);
  const common = useT();
  const users = useResource<User[]>('/api/users');
  const lists = useResource<{ total: number }>(`/api/lists?partnerId=${encodeURIComponent(partner.id)}&pageSize=1`);
  const mine = (users.data ?? []).filter((u) => u.partnerId === partner.id);
  return (
    <section aria-labelledby="partner-people">
      <h2 id="partner-people">{t('partners.people')}</h2>
      <Loaded resource={users}>{() => (mine.length === 0 ? <p class="empty">{t('partners.noPeople')}</p> : (
        <ul class="pu-people">
          {mine.map((u) => (
            <li key={u.id}>
              <Link href={`/users/${encodeURIComponent(u.id)}`}>{u.name ?? u.email}</Link>
              {' '}<span class="pu-meta">{common(`role.${u.role}`)} · {t(`users.states.${stateOf(u)}`)}</span>
            </li>
          ))}
        </ul>
      ))}</Loaded>
      <p><Link href={`/users/invite?partner=${encodeURIComponent(partner.id)}`} class="button primary">{t('partners.inviteCoordinator')}</Link></p>
      {lists.data && <p>{t('partners.listCount', { count: lists.data.total, formatted: formatNumber(lists.data.total) })}</p>}
    </section>
  );
}
