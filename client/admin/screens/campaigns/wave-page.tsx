/**
 * A wave's page (admins only): its campaigns, and start, pause, resume or close for all of them
 * that can take it, each after a confirmation; links to its status board and to all waves.
 */
import { useState } from 'preact/hooks';
import { api } from '../../../shared/api.js';
import { useT } from '../../i18n.js';
import { Link } from '../../router.js';
import { ConfirmButton } from '../../ui/confirm.js';
import { Loaded, PageTitle, useResource } from '../../ui/page.js';
import { DataTable, type Column } from '../../ui/table.js';
import { statusPath } from '../status/types.js';
import { Schedule, StateBadge } from './list.js';
import { campaignPath, type Campaign, type Partner } from './types.js';
import { AdminsOnly, WAVES_PATH, type Wave } from './waves.js';

type Action = 'start' | 'pause' | 'resume' | 'close';
const ACTS_ON: Record<Action, Campaign['state'][]> = { start: ['draft'], pause: ['running', 'scheduled'], resume: ['paused'], close: ['draft', 'scheduled', 'running', 'paused'] };

export function WaveScreen({ waveId }: { waveId: string }) {
  const t = useT('campaigns');
  return (
    <AdminsOnly>
      <WavePage waveId={waveId} title={t('wave.title')} />
    </AdminsOnly>
  );
}

function WavePage({ waveId, title }: { waveId: string; title: string }) {
  const t = useT('campaigns');
  const resource = useResource<Wave>(`/api/waves/${encodeURIComponent(waveId)}`);
  const partners = useResource<Partner[]>('/api/partners');
  const [latest, setLatest] = useState<Wave | undefined>();
  const wave = latest ?? resource.data;
  // a failure shows in the confirmation dialog
  const act = (action: Action) => async () => setLatest(await api<Wave>(`/api/waves/${encodeURIComponent(waveId)}/${action}`, { method: 'POST' }));
  const columns: Column<Campaign>[] = [
    { key: 'name', label: t('field.name'), cell: (c) => <Link href={campaignPath(c.id)}>{c.name}</Link> },
    { key: 'partner', label: t('field.partner'), cell: (c) => partners.data?.find((p) => p.id === c.partnerId)?.name ?? '…' },
    { key: 'state', label: t('field.state'), cell: (c) => <StateBadge state={c.state} /> },
    { key: 'schedule', label: t('field.schedule'), cell: (c) => <Schedule campaign={c} /> },
  ];
  return (
    <>
      <PageTitle>{wave ? t('wave.titleNamed', { name: wave.name }) : title}</PageTitle>
      <Loaded resource={resource}>{() => wave && (
        <>
          <section aria-labelledby="wave-actions" class="campaign-actions">
            <h2 id="wave-actions">{t('wave.actionsTitle')}</h2>
            <p class="hint">{t('wave.actionsHint')}</p>
            <div class="campaign-buttons">
              {(['start', 'pause', 'resume'] as const).map((action) => {
                const count = wave.campaigns.filter((c) => ACTS_ON[action].includes(c.state)).length;
                return count > 0 && (
                  <ConfirmButton key={action} label={t(`wave.${action}`)} title={t(`wave.${action}Title`, { name: wave.name })} confirmLabel={t(`wave.${action}`)} onConfirm={act(action)}>
                    <p>{t(`wave.${action}Body`, { count })}</p>
                    <p>{t('wave.othersStay')}</p>
                  </ConfirmButton>
                );
              })}
              {wave.campaigns.some((c) => ACTS_ON.close.includes(c.state)) && (
                <ConfirmButton label={t('wave.close')} title={t('wave.closeTitle', { name: wave.name })} confirmLabel={t('wave.close')} danger onConfirm={act('close')}>
                  <p>{t('wave.closeBody', { count: wave.campaigns.filter((c) => ACTS_ON.close.includes(c.state)).length })}</p>
                  <p>{t('actions.closeBody')}</p>
                </ConfirmButton>
              )}
            </div>
          </section>
          <p><Link href={statusPath('wave', wave.id)}>{t('wave.statusBoard')}</Link> · <Link href={WAVES_PATH}>{t('wave.all')}</Link></p>
          <DataTable caption={t('wave.campaigns')} columns={columns} rows={wave.campaigns} rowKey={(c) => c.id} empty={t('wave.noCampaigns')} />
        </>
      )}</Loaded>
    </>
  );
}
