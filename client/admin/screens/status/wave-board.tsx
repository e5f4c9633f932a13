/** A wave's status board (admins): the totals and each partner's campaign, with links to the wave's page and to all waves. */
import { useT } from '../../i18n.js';
import { Link } from '../../router.js';
import { useResource } from '../../ui/page.js';
import { DataTable } from '../../ui/table.js';
import { WAVES_PATH, wavePath } from '../campaigns/waves.js';
import { Frame, Totals, useCountColumns } from './board.js';
import { RateBars } from './charts.js';
import { useLiveStatus } from './live.js';
import { statusPath, type PartnerInfo, type WaveInfo, type WaveStatus } from './types.js';

export function WaveBoard({ id }: { id: string }) {
  const t = useT('status');
  const wave = useResource<WaveInfo>(`/api/waves/${encodeURIComponent(id)}`);
  const partners = useResource<PartnerInfo[]>('/api/partners');
  const live = useLiveStatus<WaveStatus>(`/api/waves/${encodeURIComponent(id)}/status`);
  const columns = useCountColumns<WaveStatus['byPartner'][number]>();
  const name = wave.data?.name ?? t('waveTitle');
  const partnerName = (pid: string) => partners.data?.find((p) => p.id === pid)?.name ?? pid;
  const failed = wave.error ?? (live.data ? undefined : live.error);
  return (
    <Frame crumb={name} title={t('waveBoardTitle', { name })} failed={failed} live={live} ready={!!wave.data}>{(data) => (
        <>
          <p><Link href={wavePath(id)}>{t('wavePage')}</Link> · <Link href={WAVES_PATH}>{t('allWaves')}</Link></p>
          <Totals total={data.total} />
          <section aria-labelledby="rates">
            <h2 id="rates">{t('rates')}</h2>
            <RateBars caption={t('ratesByPartner')} rows={data.byPartner.map((r) => ({ key: r.campaignId, label: partnerName(r.partnerId), rate: r.responseRate }))} />
          </section>
          <div class="breakdown">
            <DataTable caption={t('byPartner')} rows={data.byPartner} rowKey={(r) => r.campaignId} empty={t('noCampaigns')}
              columns={[
                { key: 'partner', label: t('partner'), cell: (r) => <Link href={statusPath('campaign', r.campaignId)}>{partnerName(r.partnerId)}</Link> },
                { key: 'state', label: t('state'), cell: (r) => t(`states.${r.state}`, { defaultValue: r.state }) },
                ...columns,
              ]} />
            <p class="hint">{t('byPartnerHint')}</p>
          </div>
        </>
      )}
    </Frame>
  );
}
