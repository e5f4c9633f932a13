/**
 * The status boards: one campaign's (totals, by list, by language, the open link), and what the
 * wave's (wave-board.tsx) shares with it. Each refreshes itself while visible and says, politely,
 * when it last did.
 */
import type { ComponentChildren } from 'preact';
import { ApiError } from '../../../shared/api.js';
import { formatDate, formatNumber, formatPercent as percent, useT } from '../../i18n.js';
import { Link } from '../../router.js';
import { Loading, PageTitle, ProblemAlert, useResource } from '../../ui/page.js';
import { DataTable, type Column } from '../../ui/table.js';
import { OverTime, RateBars } from './charts.js';
import { useLiveStatus } from './live.js';
import { COUNT_KEYS, type CampaignInfo, type CampaignStatus, type Counts, type Day, type PartnerInfo } from './types.js';

function languageName(tag: string): string {
  try {
    const name = new Intl.DisplayNames([document.documentElement.lang || 'en'], { type: 'language' }).of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}

/** The columns every breakdown shares: the counts and the rate. */
export function useCountColumns<R extends Counts>(): Column<R>[] {
  const t = useT('status');
  return [
    ...(['invited', 'sent', 'opened', 'started', 'completed', 'optedOut', 'bounced', 'failed', 'queued'] as const).map((k) => (
      { key: k, label: t(`count.${k}`), cell: (r: R) => formatNumber(r[k]) })),
    { key: 'rate', label: t('count.responseRate'), cell: (r: R) => percent(r.responseRate) },
  ];
}

/** A failed status: a campaign or wave one may not see reads as "not found" (404), said plainly. */
function StatusProblem({ error }: { error: unknown }) {
  const t = useT('status');
  if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
    return <div role="alert" class="problem"><p>{t(error.status === 404 ? 'notVisible' : 'forbidden')}</p></div>;
  }
  return <ProblemAlert error={error} />;
}

function Updated({ at, loading, onRefresh }: { at?: Date; loading: boolean; onRefresh: () => void }) {
  const t = useT('status');
  return (
    <div class="updated">
      <p role="status" aria-live="polite">{at ? t('updated', { time: at.toLocaleTimeString(document.documentElement.lang || 'en') }) : ''}</p>
      <p class="hint">{t('refreshes')}</p>
      <button type="button" onClick={onRefresh} disabled={loading} aria-busy={loading || undefined}>{t('refresh')}</button>
    </div>
  );
}

export function Totals({ total, children }: { total: Counts; children?: ComponentChildren }) {
  const t = useT('status');
  return (
    <section aria-labelledby="totals">
      <h2 id="totals">{t('totals')}</h2>
      <dl class="figures">
        <div class="rate"><dt>{t('count.responseRate')}</dt><dd>{percent(total.responseRate)}</dd></div>
        {COUNT_KEYS.map((k) => <div key={k}><dt>{t(`count.${k}`)}</dt><dd>{formatNumber(total[k])}</dd></div>)}
        {children}
      </dl>
      <p class="hint">{t('rateExplained')}</p>
    </section>
  );
}

export function CampaignBoard({ id }: { id: string }) {
  const t = useT('status');
  const campaign = useResource<CampaignInfo>(`/api/campaigns/${encodeURIComponent(id)}`);
  const partners = useResource<PartnerInfo[]>('/api/partners');
  const live = useLiveStatus<CampaignStatus>(`/api/campaigns/${encodeURIComponent(id)}/status`);
  const columns = useCountColumns<CampaignStatus['byList'][number]>();
  const languageColumns = useCountColumns<CampaignStatus['byLanguage'][number]>();
  const name = campaign.data?.name ?? t('campaignTitle');
  const partner = partners.data?.find((p) => p.id === campaign.data?.partnerId)?.name;
  const failed = campaign.error ?? (live.data ? undefined : live.error);
  return (
    <Frame crumb={name} title={t('boardTitle', { name })} failed={failed} live={live} ready={!!campaign.data}>{(data) => campaign.data && (
        <>
          <dl class="facts">
            <dt>{t('partner')}</dt><dd>{partner ?? '—'}</dd>
            <dt>{t('survey')}</dt><dd>{campaign.data.survey} · {t('version', { version: campaign.data.version })}</dd>
            <dt>{t('state')}</dt><dd>{t(`states.${campaign.data.state}`, { defaultValue: campaign.data.state })}</dd>
            {campaign.data.startedAt && <><dt>{t('started')}</dt><dd>{formatDate(campaign.data.startedAt, true)}</dd></>}
            {campaign.data.closesAt && <><dt>{t('closes')}</dt><dd>{formatDate(campaign.data.closesAt, true)}</dd></>}
          </dl>
          <Totals total={data.total}>
            <div><dt>{t('openStarted')}</dt><dd>{formatNumber(data.openLink.started)}</dd></div>
            <div><dt>{t('openCompleted')}</dt><dd>{formatNumber(data.openLink.completed)}</dd></div>
          </Totals>
          <section aria-labelledby="rates">
            <h2 id="rates">{t('rates')}</h2>
            <RateBars caption={t('ratesByPartner')} rows={[{ key: 'partner', label: partner ?? t('partner'), rate: data.total.responseRate }]} />
            <RateBars caption={t('ratesByList')} rows={data.byList.map((r) => ({ key: r.listId, label: r.list, rate: r.responseRate }))} />
            <RateBars caption={t('ratesByLanguage')} rows={data.byLanguage.map((r) => ({ key: r.language, label: languageName(r.language), rate: r.responseRate }))} />
          </section>
          <div class="breakdown">
            <DataTable caption={t('byList')} rows={data.byList} rowKey={(r) => r.listId} empty={t('noInvitations')}
              columns={[{ key: 'list', label: t('list'), cell: (r) => r.list }, ...columns]} />
          </div>
          <div class="breakdown">
            <DataTable caption={t('byLanguage')} rows={data.byLanguage} rowKey={(r) => r.language} empty={t('noInvitations')}
              columns={[{ key: 'language', label: t('language'), cell: (r) => languageName(r.language) }, ...languageColumns]} />
          </div>
        </>
      )}
    </Frame>
  );
}

/** What both boards share: where you are, the title, failure or loading, the refresh, and the over-time chart. */
export function Frame<T extends { total: Counts; byDay: Day[] }>({ crumb, title, failed, ready, live, children }: {
  crumb: string; title: string; failed: unknown; ready: boolean; live: ReturnType<typeof useLiveStatus<T>>; children: (data: T) => ComponentChildren;
}) {
  const t = useT('status');
  return (
    <>
      <Crumbs current={crumb} />
      <PageTitle title={title}>{title}</PageTitle>
      {failed ? <StatusProblem error={failed} /> : !live.data || !ready ? <Loading /> : (
        <>
          <Updated at={live.updatedAt} loading={live.loading} onRefresh={() => void live.reload()} />
          {live.error ? <ProblemAlert error={live.error} /> : null}
          {children(live.data)}
          <section aria-labelledby="over-time">
            <h2 id="over-time">{t('overTime')}</h2>
            <OverTime days={live.data.byDay} />
          </section>
        </>
      )}
    </>
  );
}

function Crumbs({ current }: { current: string }) {
  const t = useT('status');
  return (
    <nav aria-label={t('crumbs')} class="crumbs">
      <Link href="/status">{t('title')}</Link> <span aria-hidden="true">›</span> <span aria-current="page">{current}</span>
    </nav>
  );
}
