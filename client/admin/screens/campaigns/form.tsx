/**
 * The campaign form: creating one (survey, published version, partner for admins), and changing it
 * while the API allows (draft, scheduled, paused). Every API error shows at its field.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../../../shared/api.js';
import { useT } from '../../i18n.js';
import { Link, navigate } from '../../router.js';
import { useSession } from '../../session.js';
import { Form, SelectField, TextField, useSubmit } from '../../ui/forms.js';
import { Loaded, PageTitle, useResource } from '../../ui/page.js';
import { bodyOf, draftOf, type Draft } from './draft.js';
import { CheckGroup } from './fields.js';
import { AnswerFields, LanguageChoice, ScheduleFields, SurveyChoice } from './sections.js';
import { titleIn, versionLanguages, type LocaleReport, type Version } from './survey-version.js';
import { EmailTexts, SenderFields, textPointers, useSample, type Texts } from './texts.js';
import { campaignPath, EDITABLE, type Campaign, type ContactList, type Paged, type Partner, type SurveyDetail, type SurveySummary } from './types.js';

export function NewCampaign() {
  const t = useT('campaigns');
  return (
    <>
      <PageTitle>{t('form.newTitle')}</PageTitle>
      <CampaignForm />
    </>
  );
}

export function EditCampaign({ campaignId }: { campaignId: string }) {
  const t = useT('campaigns');
  const campaign = useResource<Campaign>(`/api/campaigns/${encodeURIComponent(campaignId)}`);
  return (
    <>
      <PageTitle>{campaign.data ? t('form.editTitle', { name: campaign.data.name }) : t('form.editTitleShort')}</PageTitle>
      <Loaded resource={campaign}>{(c) => EDITABLE.includes(c.state)
        ? <CampaignForm campaign={c} />
        : <p role="status">{t('form.notEditable', { state: t(`state.${c.state}`) })} <Link href={campaignPath(c.id)}>{t('backToCampaign')}</Link></p>}
      </Loaded>
    </>
  );
}

function CampaignForm({ campaign }: { campaign?: Campaign }) {
  const t = useT('campaigns');
  const { user } = useSession();
  const admin = user.role === 'admin';
  const creating = !campaign;
  const [d, setD] = useState<Draft>(() => draftOf(campaign));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setD((old) => ({ ...old, [key]: value }));

  const partners = useResource<Partner[]>('/api/partners');
  const partnerId = campaign?.partnerId ?? (admin ? d.partnerId : user.partnerId ?? '');
  const partner = partners.data?.find((p) => p.id === partnerId);
  const timeZone = campaign?.timeZone ?? partner?.timeZone ?? 'UTC';
  const lists = useResource<Paged<ContactList>>(partnerId ? `/api/lists?pageSize=500${admin ? `&partnerId=${encodeURIComponent(partnerId)}` : ''}` : null);
  const surveys = useResource<SurveySummary[]>(creating ? '/api/surveys' : null);
  const slug = encodeURIComponent(d.survey);
  const detail = useResource<SurveyDetail>(creating && d.survey ? `/api/surveys/${slug}` : null);
  const versionPath = d.survey && d.version ? `/api/surveys/${slug}/versions/${encodeURIComponent(d.version)}` : null;
  const version = useResource<Version>(versionPath);
  const report = useResource<LocaleReport>(d.survey && d.version ? `/api/surveys/${slug}/languages?version=${encodeURIComponent(d.version)}` : null);
  const offered = versionLanguages(version.data, report.data);

  // a newly chosen survey starts at its published version, offering all of its languages
  useEffect(() => {
    if (creating && detail.data && detail.data.slug === d.survey && !d.version && detail.data.publishedVersion) set('version', String(detail.data.publishedVersion));
  }, [detail.data, d.survey]);
  useEffect(() => {
    if (creating && offered.length && d.languages.length === 0) set('languages', offered);
  }, [offered.join(',')]);

  const form = useSubmit(async () => {
    const body = bodyOf({ ...d, partnerId: admin ? d.partnerId : '' }, timeZone, creating, campaign?.state);
    const saved = creating
      ? await api<Campaign>('/api/campaigns', { body })
      : await api<Campaign>(`/api/campaigns/${encodeURIComponent(campaign.id)}`, { method: 'PATCH', body });
    navigate(campaignPath(saved.id));
  });
  const errors = form.problem instanceof ApiError ? form.problem.errors : [];
  /** every message at a pointer or below it (/listIds also shows /listIds/2) */
  const at = (pointer: string) => errors.filter((e) => e.pointer === pointer || e.pointer.startsWith(`${pointer}/`)).map((e) => e.message).join('; ') || undefined;
  const prefixes = ['/name', '/partnerId', '/survey', '/version', '/listIds', '/languages', '/startsAt', '/closesAt', '/reminders',
    '/mode', '/allowEdit', '/retentionDays', '/openCap', ...textPointers(d.languages)];
  const shown = errors.map((e) => e.pointer).filter((p) => prefixes.some((x) => p === x || p.startsWith(`${x}/`)));
  const part = { prefix: 'campaign', d, set, setD, at };

  const surveyTitle = titleIn(version.data, 'default', campaign?.survey ?? d.survey);
  const sample = useSample({ partner: partner?.name ?? '', version: version.data, surveyTitle, closesAt: d.closesAt, timeZone });
  const onTexts = ({ senderName, replyTo, messages }: Texts) => setD((old) => ({ ...old, senderName, replyTo, messages }));

  return (
    <Form onSubmit={() => void form.submit()} problem={form.problem} shown={shown} busy={form.busy}
      submitLabel={creating ? t('form.create') : t('form.save')}
      secondary={<Link href={campaign ? campaignPath(campaign.id) : campaignPath()} class="button">{t('cancel')}</Link>}>
      <p class="hint">{creating ? t('form.createIntro') : t('form.editIntro')}</p>
      <TextField id="campaign-name" label={t('field.name')} required maxLength={200} error={at('/name')} value={d.name} onValue={(v) => set('name', v)} />

      <fieldset class="campaign-section">
        <legend>{t('form.whatAndWho')}</legend>
        {creating && admin && (
          <SelectField id="campaign-partner" label={t('field.partner')} required error={at('/partnerId')} value={d.partnerId}
            onValue={(v) => setD((old) => ({ ...old, partnerId: v, listIds: [] }))}
            options={[{ value: '', label: t('form.choosePartner') }, ...(partners.data ?? []).map((p) => ({ value: p.id, label: p.name }))]} />
        )}
        {creating ? (
          <SurveyChoice {...part} surveys={surveys.data} detail={detail.data} />
        ) : (
          <p>{t('surveyVersion', { survey: surveyTitle, version: campaign.version })} <span class="hint">{t('form.moveHint')}</span></p>
        )}
        <CheckGroup id="campaign-lists" legend={t('field.lists')} hint={t('form.listsHint')} error={at('/listIds')} values={d.listIds}
          onValues={(v) => set('listIds', v)} empty={<p>{partnerId ? t('form.noLists') : t('form.partnerFirst')}</p>}
          choices={(lists.data?.items ?? []).map((l) => ({ value: l.id, label: t('form.listOption', { name: l.name, count: l.total }) }))} />
        <LanguageChoice {...part} offered={offered} />
      </fieldset>

      <ScheduleFields {...part} zoneHint={t('form.zone', { zone: timeZone })} started={Boolean(campaign?.startedAt)}
        startsAtLabel={t('field.startsAt', { zone: timeZone })} closesAtLabel={t('field.closesAt', { zone: timeZone })} />
      <AnswerFields {...part} modeFixed={Boolean(campaign && campaign.state !== 'draft')} />

      <fieldset class="campaign-section">
        <legend>{t('form.sender')}</legend>
        <SenderFields prefix="campaign" texts={d} onTexts={onTexts} at={at} partner={partner?.name ?? ''} />
      </fieldset>

      <section class="campaign-section" aria-labelledby="campaign-messages">
        <h2 id="campaign-messages">{t('form.messages')}</h2>
        <EmailTexts prefix="msg" languages={d.languages} texts={d} onTexts={onTexts} at={at} sample={sample} contactEmail={partner?.contactEmail ?? ''} />
      </section>
    </Form>
  );
}
