/**
 * Launching a wave (admins only): the survey, languages, schedule and rules that every partner
 * shares, and each ticked partner's lists, sender and email texts. One draft campaign per partner,
 * all or none; every API error shows at its field, a partner's at that partner.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../../../shared/api.js';
import { useT } from '../../i18n.js';
import { Link, navigate } from '../../router.js';
import { Form, TextField, useSubmit } from '../../ui/forms.js';
import { Loaded, PageTitle, useResource } from '../../ui/page.js';
import { draftOf, messagesOf, whole, type Draft } from './draft.js';
import { AnswerFields, LanguageChoice, ScheduleFields, SurveyChoice } from './sections.js';
import { titleIn, versionLanguages, type LocaleReport, type Version } from './survey-version.js';
import { campaignPath, type Partner, type SurveyDetail, type SurveySummary } from './types.js';
import { memberPointers, PartnerChoice, type Member } from './wave-partner.js';
import { AdminsOnly, wavePath, type Wave } from './waves.js';

export function NewWave() {
  const t = useT('campaigns');
  return (
    <AdminsOnly>
      <PageTitle>{t('wave.newTitle')}</PageTitle>
      <WaveForm />
    </AdminsOnly>
  );
}

function WaveForm() {
  const t = useT('campaigns');
  const [d, setD] = useState<Draft>(() => draftOf());
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setD((old) => ({ ...old, [key]: value }));
  const [members, setMembers] = useState<Record<string, Member>>({});

  const partners = useResource<Partner[]>('/api/partners');
  const surveys = useResource<SurveySummary[]>('/api/surveys');
  const slug = encodeURIComponent(d.survey);
  const detail = useResource<SurveyDetail>(d.survey ? `/api/surveys/${slug}` : null);
  const version = useResource<Version>(d.survey && d.version ? `/api/surveys/${slug}/versions/${encodeURIComponent(d.version)}` : null);
  const report = useResource<LocaleReport>(d.survey && d.version ? `/api/surveys/${slug}/languages?version=${encodeURIComponent(d.version)}` : null);
  const offered = versionLanguages(version.data, report.data);
  useEffect(() => {
    if (detail.data && detail.data.slug === d.survey && !d.version && detail.data.publishedVersion) set('version', String(detail.data.publishedVersion));
  }, [detail.data, d.survey]);
  useEffect(() => {
    if (offered.length && d.languages.length === 0) set('languages', offered);
  }, [offered.join(',')]);

  // the partners sent, in the order shown: /partners/{i} in an error is the i-th ticked partner
  const ticked = (partners.data ?? []).filter((p) => members[p.id]);
  const form = useSubmit(async () => {
    const body = {
      name: d.name.trim(), survey: d.survey, version: whole(d.version), languages: d.languages,
      // a time without offset is each partner's own wall clock
      startsAt: d.startLater ? d.startsAt : undefined, closesAt: d.closesAt || undefined,
      reminders: { days: d.reminderDays.split(/[\s,;]+/).filter(Boolean).map(whole), max: whole(d.reminderMax) ?? 0 },
      mode: d.mode, allowEdit: d.mode === 'tracked' && d.allowEdit, retentionDays: whole(d.retentionDays), openCap: whole(d.openCap),
      partners: ticked.map((p) => {
        const m = members[p.id];
        return { partnerId: p.id, listIds: m.listIds, senderName: m.senderName.trim() || undefined, replyTo: m.replyTo.trim() || undefined, messages: messagesOf(d.languages, m.messages) };
      }),
    };
    const wave = await api<Wave>('/api/waves', { body });
    navigate(wavePath(wave.id));
  });
  const errors = form.problem instanceof ApiError ? form.problem.errors : [];
  const at = (pointer: string) => errors.filter((e) => e.pointer === pointer || e.pointer.startsWith(`${pointer}/`)).map((e) => e.message).join('; ') || undefined;
  const prefixes = ['/name', '/survey', '/version', '/languages', '/startsAt', '/closesAt', '/reminders', '/mode', '/allowEdit', '/retentionDays', '/openCap',
    ...ticked.flatMap((_, i) => memberPointers(i, d.languages))];
  const shown = errors.map((e) => e.pointer).filter((p) => p === '/partners' || prefixes.some((x) => p === x || p.startsWith(`${x}/`)));
  const part = { prefix: 'wave', d, set, setD, at };
  const partnersError = errors.filter((e) => e.pointer === '/partners').map((e) => e.message).join('; ');
  const survey = { version: version.data, title: titleIn(version.data, 'default', d.survey), closesAt: d.closesAt, languages: d.languages };

  return (
    <Form onSubmit={() => void form.submit()} problem={form.problem} shown={shown} busy={form.busy} submitLabel={t('wave.create')}
      secondary={<Link href={campaignPath()} class="button">{t('cancel')}</Link>}>
      <p class="hint">{t('wave.intro')}</p>
      <TextField id="wave-name" label={t('field.name')} hint={t('wave.nameHint')} required maxLength={200} error={at('/name')} value={d.name} onValue={(v) => set('name', v)} />

      <fieldset class="campaign-section">
        <legend>{t('wave.survey')}</legend>
        <SurveyChoice {...part} surveys={surveys.data} detail={detail.data} />
        <LanguageChoice {...part} offered={offered} />
      </fieldset>

      <fieldset class="campaign-section">
        <legend>{t('wave.partners')}</legend>
        <p class="hint" id="wave-partners-hint">{t('wave.partnersHint')}</p>
        <p class="hint">{t('wave.textsHint')}</p>
        {partnersError && <p class="field-error" id="wave-partners-error">{partnersError}</p>}
        <Loaded resource={partners}>{(all) => all.length === 0 ? <p>{t('wave.noPartners')}</p> : (
          <ul class="wave-partners">
            {all.map((p) => (
              <PartnerChoice key={p.id} partner={p} member={members[p.id]} index={ticked.findIndex((x) => x.id === p.id)} survey={survey} at={at}
                onMember={(member) => setMembers((old) => {
                  const next = { ...old };
                  if (member) next[p.id] = member;
                  else delete next[p.id];
                  return next;
                })} />
            ))}
          </ul>
        )}</Loaded>
      </fieldset>

      <ScheduleFields {...part} zoneHint={t('wave.zones')} startsAtLabel={t('wave.startsAt')} closesAtLabel={t('wave.closesAt')} />
      <AnswerFields {...part} />
    </Form>
  );
}

