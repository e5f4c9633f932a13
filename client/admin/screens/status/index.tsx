/**
 * /admin/status: response rates. The root lists the campaigns one may follow (a coordinator:
 * their partner's, as the API gives them) and, for admins, the waves; /campaign/{id} and
 * /wave/{id} are the live boards.
 */
import { addTexts, formatDate, useT } from '../../i18n.js';
import { Link, match } from '../../router.js';
import { useSession } from '../../session.js';
import { Loaded, PageTitle, useResource } from '../../ui/page.js';
import { WAVES_PATH } from '../campaigns/waves.js';
import { CampaignBoard } from './board.js';
import { WaveBoard } from './wave-board.js';
import { statusPath, type CampaignInfo, type PartnerInfo, type WaveInfo } from './types.js';
import en from './locales/en.json' with { type: 'json' };
import sv from './locales/sv.json' with { type: 'json' };
import pl from './locales/pl.json' with { type: 'json' };
import lt from './locales/lt.json' with { type: 'json' };

addTexts('status', { en, sv, pl, lt });

export default function Area({ path }: { path: string; query: URLSearchParams }) {
  const t = useT();
  let params: Record<string, string> | null;
  if (path === '/') return <Chooser />;
  if ((params = match('/campaign/:id', path))) return <CampaignBoard key={params.id} id={params.id} />;
  if ((params = match('/wave/:id', path))) return <WaveBoard key={params.id} id={params.id} />;
  return (
    <>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p>{t('notFound.body')}</p>
    </>
  );
}

function Chooser() {
  const t = useT('status');
  const { user } = useSession();
  const campaigns = useResource<CampaignInfo[]>('/api/campaigns');
  const partners = useResource<PartnerInfo[]>('/api/partners');
  const waves = useResource<WaveInfo[]>(user.role === 'admin' ? '/api/waves' : null);
  const partnerName = (id: string) => partners.data?.find((p) => p.id === id)?.name ?? '';
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p>{t(user.role === 'admin' ? 'introAdmin' : 'intro')}</p>
      {user.role === 'admin' && (
        <section aria-labelledby="waves">
          <h2 id="waves">{t('waves')}</h2>
          <p><Link href={WAVES_PATH}>{t('allWaves')}</Link></p>
          <Loaded resource={waves}>{(rows) => (rows.length === 0 ? <p class="empty">{t('noWaves')}</p> : (
            <ul class="cards">
              {rows.map((w) => (
                <li key={w.id}>
                  <Link href={statusPath('wave', w.id)}><strong>{w.name}</strong>
                    {t('waveLine', { count: w.campaigns.length, date: formatDate(w.createdAt) })}</Link>
                </li>
              ))}
            </ul>
          ))}</Loaded>
        </section>
      )}
      <section aria-labelledby="campaigns">
        <h2 id="campaigns">{t('campaigns')}</h2>
        <Loaded resource={campaigns}>{(rows) => (rows.length === 0 ? <p class="empty">{t('noCampaigns')}</p> : (
          <ul class="cards">
            {rows.map((c) => (
              <li key={c.id}>
                <Link href={statusPath('campaign', c.id)}><strong>{c.name}</strong>
                  {[partnerName(c.partnerId), c.survey, t(`states.${c.state}`, { defaultValue: c.state })].filter(Boolean).join(' · ')}</Link>
              </li>
            ))}
          </ul>
        ))}</Loaded>
      </section>
    </>
  );
}
