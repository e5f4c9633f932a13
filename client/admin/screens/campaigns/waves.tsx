/**
 * Waves (admins only): one survey launched for several partners at once, one campaign per partner.
 * /admin/campaigns/waves lists them with their survey, how many partners, the states of their
 * campaigns, and links to each wave's page and its status board.
 */
import type { ComponentChildren } from 'preact';
import { formatDate, formatNumber, useT } from '../../i18n.js';
import { Link } from '../../router.js';
import { useSession } from '../../session.js';
import { Loaded, NotForYourRole, PageTitle, useResource } from '../../ui/page.js';
import { DataTable, type Column } from '../../ui/table.js';
import { statusPath } from '../status/types.js';
import { CAMPAIGN_STATES, type Campaign, type SurveySummary } from './types.js';

export interface Wave { id: string; name: string; surveyId: string; createdAt: string; campaigns: Campaign[] }

export const WAVES_PATH = '/campaigns/waves';
export const wavePath = (id: string) => `${WAVES_PATH}/${encodeURIComponent(id)}`;

/** Waves are an admin's: a coordinator who follows an address here is told so, as on every screen not for their role. */
export function AdminsOnly({ children }: { children: ComponentChildren }) {
  const { user } = useSession();
  return user.role === 'admin' ? <>{children}</> : <NotForYourRole />;
}

export function WavesScreen() {
  return (
    <AdminsOnly>
      <WaveList />
    </AdminsOnly>
  );
}

function WaveList() {
  const t = useT('campaigns');
  const waves = useResource<Wave[]>('/api/waves');
  const surveys = useResource<SurveySummary[]>('/api/surveys');
  const survey = (w: Wave) => {
    const first = w.campaigns[0];
    if (!first) return '—';
    return t('surveyVersion', { survey: surveys.data?.find((s) => s.slug === first.survey)?.title ?? first.survey, version: first.version });
  };
  const columns: Column<Wave>[] = [
    { key: 'name', label: t('field.name'), cell: (w) => <Link href={wavePath(w.id)}>{w.name}</Link> },
    { key: 'survey', label: t('field.survey'), cell: survey },
    { key: 'partners', label: t('wave.partnerCount'), cell: (w) => formatNumber(new Set(w.campaigns.map((c) => c.partnerId)).size) },
    { key: 'states', label: t('wave.states'), cell: (w) => <StateCounts campaigns={w.campaigns} /> },
    { key: 'created', label: t('wave.created'), cell: (w) => formatDate(w.createdAt) },
    { key: 'board', label: t('wave.board'), cell: (w) => <Link href={statusPath('wave', w.id)} aria-label={t('wave.boardOf', { name: w.name })}>{t('wave.board')}</Link> },
  ];
  return (
    <>
      <PageTitle>{t('wave.listTitle')}</PageTitle>
      <p class="hint">{t('wave.listIntro')}</p>
      <div class="campaign-toolbar">
        <Link href={`${WAVES_PATH}/new`} class="button primary">{t('wave.launch')}</Link>
        <Link href="/campaigns" class="button">{t('title')}</Link>
      </div>
      <Loaded resource={waves}>{(rows) => (
        <DataTable caption={t('wave.listTitle')} columns={columns} rows={rows} rowKey={(w) => w.id} empty={t('wave.none')} />
      )}</Loaded>
    </>
  );
}

/** How many of a wave's campaigns are in each state, as the campaigns' state badges. */
function StateCounts({ campaigns }: { campaigns: Campaign[] }) {
  const t = useT('campaigns');
  const states = CAMPAIGN_STATES.map((s) => [s, campaigns.filter((c) => c.state === s).length] as const).filter(([, n]) => n > 0);
  return (
    <ul class="wave-states">
      {states.map(([s, n]) => <li key={s} class={`campaign-state state-${s}`}>{t('wave.stateCount', { state: t(`state.${s}`), n: formatNumber(n) })}</li>)}
    </ul>
  );
}
