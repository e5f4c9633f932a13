/**
 * /admin/campaigns/{id}: a campaign's settings and what can be done with it now: start (now or at
 * its start time), pause, resume, close, move to a newer published version, a test email to
 * oneself; its open link with the QR code to download and print; the response-rate board.
 */
import { useState } from 'preact/hooks';
import { api } from '../../../shared/api.js';
import { i18n, useT } from '../../i18n.js';
import { Link } from '../../router.js';
import { useSession } from '../../session.js';
import { ConfirmButton } from '../../ui/confirm.js';
import { SelectField, useSubmit } from '../../ui/forms.js';
import { Loaded, PageTitle, ProblemAlert, useResource } from '../../ui/page.js';
import { Schedule, StateBadge } from './list.js';
import { OpenLink } from './open-link.js';
import { formatInZone, languageName } from './time.js';
import { campaignPath, EDITABLE, type Campaign, type ContactList, type Paged, type Partner, type SurveyDetail } from './types.js';

export function CampaignScreen({ campaignId }: { campaignId: string }) {
  const t = useT('campaigns');
  const resource = useResource<Campaign>(`/api/campaigns/${encodeURIComponent(campaignId)}`);
  const [latest, setLatest] = useState<Campaign | undefined>();
  const campaign = latest ?? resource.data;
  const survey = useResource<SurveyDetail>(resource.data ? `/api/surveys/${encodeURIComponent(resource.data.survey)}` : null);
  return (
    <>
      <PageTitle>{campaign?.name ?? t('campaign')}</PageTitle>
      <Loaded resource={resource}>{() => campaign && (
        <>
          <p class="campaign-summary"><StateBadge state={campaign.state} /> <Schedule campaign={campaign} /></p>
          <Actions campaign={campaign} survey={survey.data} onChanged={setLatest} />
          <Link href={`/status/campaign/${encodeURIComponent(campaign.id)}`}>{t('statusBoard')}</Link>
          <TestEmail campaign={campaign} />
          <OpenLink campaign={campaign} />
          <Settings campaign={campaign} surveyTitle={survey.data?.title ?? campaign.survey} />
        </>
      )}</Loaded>
    </>
  );
}

/** The actions the campaign's state allows, each asking first and saying what happens to unsent mail and open links. */
function Actions({ campaign: c, survey, onChanged }: { campaign: Campaign; survey: SurveyDetail | undefined; onChanged: (c: Campaign) => void }) {
  const t = useT('campaigns');
  const act = (action: string, body?: unknown) => async () => onChanged(await api<Campaign>(`/api/campaigns/${encodeURIComponent(c.id)}/${action}`, { method: 'POST', body }));
  const later = Date.parse(c.startsAt) > Date.now();
  const when = formatInZone(c.startsAt, c.timeZone, i18n.language);
  const newer = c.state !== 'closed' && survey?.publishedVersion && survey.publishedVersion > c.version ? survey.publishedVersion : null;
  return (
    <section aria-labelledby="campaign-actions" class="campaign-actions">
      <h2 id="campaign-actions">{t('actions.title')}</h2>
      <p class="hint">{t(`actions.now.${c.state}`)}</p>
      <div class="campaign-buttons">
        {c.state === 'draft' && (
          <ConfirmButton label={later ? t('actions.schedule') : t('actions.start')} title={later ? t('actions.scheduleTitle', { when }) : t('actions.startTitle')}
            confirmLabel={later ? t('actions.schedule') : t('actions.start')} onConfirm={act('start')}>
            <p>{later ? t('actions.scheduleBody', { when }) : t('actions.startBody')}</p>
            <p>{t('actions.startOnce')}</p>
          </ConfirmButton>
        )}
        {(c.state === 'running' || c.state === 'scheduled') && (
          <ConfirmButton label={t('actions.pause')} title={t('actions.pauseTitle')} confirmLabel={t('actions.pause')} onConfirm={act('pause')}>
            <p>{t('actions.pauseBody')}</p>
            <p>{t('actions.linksStay')}</p>
          </ConfirmButton>
        )}
        {c.state === 'paused' && (
          <ConfirmButton label={t('actions.resume')} title={t('actions.resumeTitle')} confirmLabel={t('actions.resume')} onConfirm={act('resume')}>
            <p>{t(c.startedAt ? 'actions.resumeBody' : 'actions.resumeUnstarted')}</p>
          </ConfirmButton>
        )}
        {EDITABLE.includes(c.state) && <Link href={campaignPath(c.id, '/edit')} class="button">{t('actions.edit')}</Link>}
        {newer && (
          <ConfirmButton label={t('actions.move', { version: newer })} title={t('actions.moveTitle', { version: newer })}
            confirmLabel={t('actions.moveConfirm', { version: newer })} onConfirm={act('version', { version: newer })}>
            <p>{t('actions.moveBody', { from: c.version, to: newer })}</p>
          </ConfirmButton>
        )}
        {c.state !== 'closed' && (
          <ConfirmButton label={t('actions.close')} title={t('actions.closeTitle')} confirmLabel={t('actions.close')} danger onConfirm={act('close')}>
            <p>{t('actions.closeBody')}</p>
            <p>{t('actions.closeLinks', { days: c.retentionDays })}</p>
          </ConfirmButton>
        )}
      </div>
    </section>
  );
}

/** The invitation as a contact would get it, to the signed-in user's own address. */
function TestEmail({ campaign: c }: { campaign: Campaign }) {
  const t = useT('campaigns');
  const { user } = useSession();
  const [language, setLanguage] = useState(c.languages[0] ?? '');
  const [sent, setSent] = useState<{ to: string; language: string } | null>(null);
  const form = useSubmit(async () => {
    setSent(null);
    setSent(await api<{ to: string; language: string }>(`/api/campaigns/${encodeURIComponent(c.id)}/test-email`, { method: 'POST', body: { language } }));
  });
  return (
    <section aria-labelledby="campaign-test" class="campaign-section">
      <h2 id="campaign-test">{t('test.title')}</h2>
      <p class="hint">{t('test.intro', { email: user.email })}</p>
      <form noValidate onSubmit={(e) => { e.preventDefault(); void form.submit(); }} class="campaign-inline">
        <SelectField id="campaign-test-language" label={t('test.language')} error={form.at('/language')} value={language} onValue={setLanguage}
          options={c.languages.map((l) => ({ value: l, label: `${languageName(l, i18n.language)} (${l})` }))} />
        <button type="submit" disabled={form.busy}>{form.busy ? t('working') : t('test.send')}</button>
      </form>
      <ProblemAlert error={form.problem} shown={['/language']} />
      <p role="status">{sent ? t('test.sent', { email: sent.to, language: languageName(sent.language, i18n.language) }) : ''}</p>
    </section>
  );
}

function Settings({ campaign: c, surveyTitle }: { campaign: Campaign; surveyTitle: string }) {
  const t = useT('campaigns');
  const { user } = useSession();
  const lists = useResource<Paged<ContactList>>(`/api/lists?pageSize=500${user.role === 'admin' ? `&partnerId=${encodeURIComponent(c.partnerId)}` : ''}`);
  const partners = useResource<Partner[]>('/api/partners');
  const listName = (id: string) => lists.data?.items.find((l) => l.id === id)?.name ?? id;
  const own = Object.entries(c.messages).filter(([, kinds]) => Object.keys(kinds).length > 0).map(([l]) => languageName(l, i18n.language));
  const rows: [string, string][] = [
    [t('field.survey'), t('surveyVersion', { survey: surveyTitle, version: c.version })],
    [t('field.partner'), partners.data?.find((p) => p.id === c.partnerId)?.name ?? '…'],
    [t('field.lists'), c.listIds.map(listName).join(', ')],
    [t('field.languages'), c.languages.map((l) => `${languageName(l, i18n.language)} (${l})`).join(', ')],
    [t('field.startsAt', { zone: c.timeZone }), formatInZone(c.startsAt, c.timeZone, i18n.language)],
    [t('field.closesAt', { zone: c.timeZone }), c.closesAt ? formatInZone(c.closesAt, c.timeZone, i18n.language) : t('noClose')],
    [t('field.reminders'), c.reminders.max > 0 ? t('settings.reminders', { days: c.reminders.days.slice(0, c.reminders.max).join(', '), count: c.reminders.max }) : t('settings.noReminders')],
    [t('field.mode'), t(`mode.${c.mode}`)],
    [t('field.allowEdit'), c.allowEdit ? t('yes') : t('no')],
    [t('field.retentionDays'), t('settings.retention', { count: c.retentionDays })],
    [t('field.senderName'), c.senderName],
    [t('field.replyTo'), c.replyTo ?? '—'],
    [t('field.openCap'), c.openCap === null ? t('settings.noCap') : String(c.openCap)],
    [t('form.messages'), own.length ? t('settings.ownTexts', { languages: own.join(', ') }) : t('settings.defaultTexts')],
  ];
  return (
    <section aria-labelledby="campaign-settings" class="campaign-section">
      <h2 id="campaign-settings">{t('settings.title')}</h2>
      <dl class="campaign-settings">
        {rows.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}
      </dl>
    </section>
  );
}
