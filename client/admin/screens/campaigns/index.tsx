/**
 * /admin/campaigns: a partner's campaigns (admins: every partner's), the form that creates and
 * changes one with a live preview of its email in each language, and a campaign's page with its
 * actions (start, pause, resume, close, newer survey version, test email) and its open link;
 * for admins, waves: their list, one survey launched for several partners at once, and a wave's page.
 */
import { addTexts, useT } from '../../i18n.js';
import { match } from '../../router.js';
import { PageTitle } from '../../ui/page.js';
import en from './locales/en.json' with { type: 'json' };
import sv from './locales/sv.json' with { type: 'json' };
import pl from './locales/pl.json' with { type: 'json' };
import lt from './locales/lt.json' with { type: 'json' };
import { CampaignScreen } from './campaign.js';
import { CampaignsScreen } from './list.js';
import { EditCampaign, NewCampaign } from './form.js';
import { NewWave } from './wave-form.js';
import { WaveScreen } from './wave-page.js';
import { WavesScreen } from './waves.js';

addTexts('campaigns', { en, sv, pl, lt });

export default function Area({ path, query }: { path: string; query: URLSearchParams }) {
  const t = useT();
  let params: Record<string, string> | null;
  if (path === '/') return <CampaignsScreen query={query} />;
  if (path === '/new') return <NewCampaign />;
  if (path === '/waves') return <WavesScreen />;
  if (path === '/waves/new') return <NewWave />;
  if ((params = match('/waves/:waveId', path))) return <WaveScreen key={params.waveId} waveId={params.waveId} />;
  if ((params = match('/:campaignId', path))) return <CampaignScreen key={params.campaignId} campaignId={params.campaignId} />;
  if ((params = match('/:campaignId/edit', path))) return <EditCampaign key={params.campaignId} campaignId={params.campaignId} />;
  return (
    <>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p>{t('notFound.body')}</p>
    </>
  );
}
