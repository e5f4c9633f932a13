/**
 * Waves (admins only): one survey launched for several partners at once, one draft campaign per
 * partner (its own lists), sharing the survey, languages, schedule and rules; the wave's page lists
 * its campaigns and starts, pauses, resumes or closes all of them that can be.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../../../shared/api.js';
import { useT } from '../../i18n.js';
import { Link, navigate } from '../../router.js';
import { useSession } from '../../session.js';
import { ConfirmButton } from '../../ui/confirm.js';
import { Form, TextField, useSubmit } from '../../ui/forms.js';
import { Loaded, PageTitle, useResource } from '../../ui/page.js';
import { DataTable, type Column } from '../../ui/table.js';
import { draftOf, type Draft } from './draft.js';
import { CheckGroup } from './fields.js';
import { AnswerFields, LanguageChoice, ScheduleFields, SurveyChoice } from './sections.js';
import { versionLanguages, type LocaleReport, type Version } from './form.js';
import { Schedule, StateBadge } from './list.js';
import { campaignPath, type Campaign, type ContactList, type Paged, type Partner, type SurveyDetail, type SurveySummary } from './types.js';

export interface Wave { id: string; name: string; surveyId: string; createdAt: string; campaigns: Campaign[] }

export const wavePath = (id?: string) => (id ? `/campaigns/waves/${encodeURIComponent(id)}` : '/campaigns/waves/new');

function AdminsOnly({ children }: { children: ComponentChildren }) {
  const t = useT('campaigns');
  const { user } = useSession();
  if (user.role === 'admin') return <>{children}</>;
  return (
    <>
      <PageTitle>{t('wave.adminsOnlyTitle')}</PageTitle>
      <p>{t('wave.adminsOnly')}</p>
    </>
  );
}

export function NewWave() {
  const t = useT('campaigns');
  return (
    <AdminsOnly>
      <PageTitle>{t('wave.newTitle')}</PageTitle>
      <WaveForm />
    </AdminsOnly>
  );
}

const whole = (s: string): number | string | undefined => (s.trim() === '' ? undefined : /^\d+$/.test(s.trim()) ? Number(s.trim()) : s.trim());

function WaveForm() {
  const t = useT('campaigns');
  const [d, setD] = useState<Draft>(() => draftOf());
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setD((old) => ({ ...old, [key]: value }));
  const [chosen, setChosen] = useState<Record<string, string[]>>({});

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
  const ticked = (partners.data ?? []).filter((p) => chosen[p.id]);
  const form = useSubmit(async () => {
    const body = {
      name: d.name.trim(), survey: d.survey, version: whole(d.version), languages: d.languages,
      // a time without offset is each partner's own wall clock
      startsAt: d.startLater ? d.startsAt : undefined, closesAt: d.closesAt || undefined,
      reminders: { days: d.reminderDays.split(/[\s,;]+/).filter(Boolean).map(whole), max: whole(d.reminderMax) ?? 0 },
      mode: d.mode, allowEdit: d.mode === 'tracked' && d.allowEdit, retentionDays: whole(d.retentionDays), openCap: whole(d.openCap),
      partners: ticked.map((p) => ({ partnerId: p.id, listIds: chosen[p.id] })),
    };
    const wave = await api<Wave>('/api/waves', { body });
    navigate(wavePath(wave.id));
  });
  const errors = form.problem instanceof ApiError ? form.problem.errors : [];
  const at = (pointer: string) => errors.filter((e) => e.pointer === pointer || e.pointer.startsWith(`${pointer}/`)).map((e) => e.message).join('; ') || undefined;
  const prefixes = ['/name', '/survey', '/version', '/languages', '/startsAt', '/closesAt', '/reminders', '/mode', '/allowEdit', '/retentionDays', '/openCap', '/partners'];
  const shown = errors.map((e) => e.pointer).filter((p) => prefixes.some((x) => p === x || p.startsWith(`${x}/`)));
  const part = { prefix: 'wave', d, set, setD, at };

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
        {at('/partners') && !errors.some((e) => /^\/partners\/\d/.test(e.pointer)) && <p class="field-error" id="wave-partners-error">{at('/partners')}</p>}
        <Loaded resource={partners}>{(all) => all.length === 0 ? <p>{t('wave.noPartners')}</p> : (
          <ul class="wave-partners">
            {all.map((p) => {
              const index = ticked.findIndex((x) => x.id === p.id);
              return <PartnerChoice key={p.id} partner={p} listIds={chosen[p.id]} error={index >= 0 ? at(`/partners/${index}`) : undefined}
                onListIds={(ids) => setChosen((old) => {
                  const next = { ...old };
                  if (ids) next[p.id] = ids;
                  else delete next[p.id];
                  return next;
                })} />;
            })}
          </ul>
        )}</Loaded>
      </fieldset>

      <ScheduleFields {...part} zoneHint={t('wave.zones')} startsAtLabel={t('wave.startsAt')} closesAtLabel={t('wave.closesAt')} />
      <AnswerFields {...part} />
      <p class="hint">{t('wave.textsHint')}</p>
    </Form>
  );
}

/** A partner's checkbox and, once ticked, its lists. */
function PartnerChoice({ partner: p, listIds, error, onListIds }: {
  partner: Partner; listIds: string[] | undefined; error?: string; onListIds: (ids: string[] | undefined) => void;
}) {
  const t = useT('campaigns');
  const lists = useResource<Paged<ContactList>>(listIds ? `/api/lists?pageSize=500&partnerId=${encodeURIComponent(p.id)}` : null);
  const id = `wave-partner-${p.id}`;
  return (
    <li class="wave-partner">
      <div class="field check">
        <input id={id} type="checkbox" checked={Boolean(listIds)} aria-describedby="wave-partners-hint"
          onChange={(e) => onListIds((e.currentTarget as HTMLInputElement).checked ? [] : undefined)} />
        <label for={id}>{t('wave.partnerOption', { name: p.name, zone: p.timeZone })}</label>
      </div>
      {listIds && (
        <Loaded resource={lists}>{(data) => (
          <CheckGroup id={`${id}-lists`} legend={t('wave.listsOf', { name: p.name })} error={error} values={listIds} onValues={onListIds}
            empty={<p>{t('wave.partnerNoLists')}</p>}
            choices={data.items.map((l) => ({ value: l.id, label: t('form.listOption', { name: l.name, count: l.total }) }))} />
        )}</Loaded>
      )}
    </li>
  );
}

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
          <p><Link href={`/status/wave/${encodeURIComponent(wave.id)}`}>{t('wave.statusBoard')}</Link></p>
          <DataTable caption={t('wave.campaigns')} columns={columns} rows={wave.campaigns} rowKey={(c) => c.id} empty={t('wave.noCampaigns')} />
        </>
      )}</Loaded>
    </>
  );
}
