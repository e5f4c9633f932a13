/**
 * /admin/campaigns: the campaigns with survey, partner, state, schedule and how many were invited,
 * reached and answered; filtered by state (kept in the address).
 */
import { formatNumber, formatPercent, i18n, useT } from '../../i18n.js';
import { Link, navigate } from '../../router.js';
import { useSession } from '../../session.js';
import { SelectField } from '../../ui/forms.js';
import { Loaded, PageTitle, useResource } from '../../ui/page.js';
import { DataTable, type Column } from '../../ui/table.js';
import { formatInZone } from './time.js';
import { CAMPAIGN_STATES, campaignPath, type Campaign, type CampaignCounts, type ListedCampaign, type Partner, type SurveySummary } from './types.js';

const FIGURES = ['invited', 'sent', 'completed'] as const;

export function CampaignsScreen({ query }: { query: URLSearchParams }) {
  const t = useT('campaigns');
  const { user } = useSession();
  const admin = user.role === 'admin';
  const state = query.get('state') ?? '';
  const campaigns = useResource<ListedCampaign[]>('/api/campaigns');
  const partners = useResource<Partner[]>(admin ? '/api/partners' : null);
  const surveys = useResource<SurveySummary[]>('/api/surveys');
  const surveyTitle = (slug: string) => surveys.data?.find((s) => s.slug === slug)?.title ?? slug;

  const figure = (key: keyof CampaignCounts, format = formatNumber) => ({ key, label: t(`count.${key}`), cell: (c: ListedCampaign) => format(c.counts[key]) });
  const columns: Column<ListedCampaign>[] = [
    { key: 'name', label: t('field.name'), cell: (c) => <Link href={campaignPath(c.id)}>{c.name}</Link> },
    { key: 'survey', label: t('field.survey'), cell: (c) => t('surveyVersion', { survey: surveyTitle(c.survey), version: c.version }) },
    ...(admin ? [{ key: 'partner', label: t('field.partner'), cell: (c: Campaign) => partners.data?.find((p) => p.id === c.partnerId)?.name ?? '…' }] : []),
    { key: 'state', label: t('field.state'), cell: (c) => <StateBadge state={c.state} /> },
    { key: 'schedule', label: t('field.schedule'), cell: (c) => <Schedule campaign={c} /> },
    ...FIGURES.map((key) => figure(key)), figure('responseRate', formatPercent), figure('openCompleted'),
  ];
  const filter = (value: string) => navigate(value ? `${campaignPath()}?state=${value}` : campaignPath(), { replace: true });
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p class="hint">{admin ? t('introAdmin') : t('intro')}</p>
      <div class="campaign-toolbar">
        <Link href={campaignPath(undefined) + '/new'} class="button primary">{t('new')}</Link>
        {admin && <Link href="/campaigns/waves/new" class="button">{t('wave.launch')}</Link>}
        {admin && <Link href="/campaigns/waves" class="button">{t('wave.all')}</Link>}
        <SelectField id="campaign-state-filter" label={t('filterState')} value={state} onValue={filter}
          options={[{ value: '', label: t('allStates') }, ...CAMPAIGN_STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))]} />
      </div>
      <Loaded resource={campaigns}>{(data) => {
        const rows = state ? data.filter((c) => c.state === state) : data;
        return (
          <>
            <DataTable caption={t('title')} columns={columns} rows={rows} rowKey={(c) => c.id}
              empty={state ? t('noneInState', { state: t(`state.${state}`) }) : t('none')} />
            {rows.length > 0 && <p class="hint">{t('countsHint')}</p>}
          </>
        );
      }}</Loaded>
    </>
  );
}

export function StateBadge({ state }: { state: string }) {
  const t = useT('campaigns');
  return <span class={`campaign-state state-${state}`}>{t(`state.${state}`)}</span>;
}

/** Start and close on the partner's clock, the zone named. */
export function Schedule({ campaign: c }: { campaign: Campaign }) {
  const t = useT('campaigns');
  const start = c.startedAt ?? c.startsAt;
  return (
    <>
      {t(c.startedAt ? 'startedAt' : 'startsAt', { when: formatInZone(start, c.timeZone, i18n.language) })}
      <br />
      {c.closesAt ? t(c.closedAt ? 'closedAt' : 'closesAt', { when: formatInZone(c.closedAt ?? c.closesAt, c.timeZone, i18n.language) })
        : c.closedAt ? t('closedAt', { when: formatInZone(c.closedAt, c.timeZone, i18n.language) }) : t('noClose')}
    </>
  );
}
