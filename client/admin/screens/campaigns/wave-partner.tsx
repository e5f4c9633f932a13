/**
 * One partner in the wave form: its checkbox and, once ticked, its lists and, folded away, its own
 * sender name, reply-to and email texts with their live preview (the campaign form's editor). Its
 * errors come from /partners/{index}, its place among the ticked partners sent to the API.
 */
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../../i18n.js';
import { Loaded, useResource } from '../../ui/page.js';
import { CheckGroup } from './fields.js';
import type { Version } from './survey-version.js';
import { EmailTexts, SenderFields, textPointers, useSample, type Texts } from './texts.js';
import type { ContactList, Paged, Partner } from './types.js';

type At = (pointer: string) => string | undefined;
export interface Member extends Texts { listIds: string[] }
export interface SharedSurvey { version: Version | undefined; title: string; closesAt: string; languages: string[] }

/** The pointers a ticked partner's fields show an error at. */
export const memberPointers = (index: number, languages: string[]) =>
  [`/partners/${index}/listIds`, `/partners/${index}/partnerId`, ...textPointers(languages, `/partners/${index}`)];

export function PartnerChoice({ partner: p, member, index, survey, at, onMember }: {
  partner: Partner; member: Member | undefined; index: number; survey: SharedSurvey; at: At; onMember: (member: Member | undefined) => void;
}) {
  const t = useT('campaigns');
  const lists = useResource<Paged<ContactList>>(member ? `/api/lists?pageSize=500&partnerId=${encodeURIComponent(p.id)}` : null);
  const id = `wave-partner-${p.id}`;
  const mine: At = (pointer) => (member && index >= 0 ? at(`/partners/${index}${pointer}`) : undefined);
  return (
    <li class="wave-partner">
      <div class="field check">
        <input id={id} type="checkbox" checked={Boolean(member)} aria-describedby="wave-partners-hint"
          onChange={(e) => onMember((e.currentTarget as HTMLInputElement).checked ? { listIds: [], senderName: '', replyTo: '', messages: {} } : undefined)} />
        <label for={id}>{t('wave.partnerOption', { name: p.name, zone: p.timeZone })}</label>
      </div>
      {member && (
        <>
          <Loaded resource={lists}>{(data) => (
            <CheckGroup id={`${id}-lists`} legend={t('wave.listsOf', { name: p.name })} values={member.listIds} onValues={(listIds) => onMember({ ...member, listIds })}
              error={[mine('/listIds'), mine('/partnerId')].filter(Boolean).join('; ') || undefined} empty={<p>{t('wave.partnerNoLists')}</p>}
              choices={data.items.map((l) => ({ value: l.id, label: t('form.listOption', { name: l.name, count: l.total }) }))} />
          )}</Loaded>
          <PartnerTexts partner={p} member={member} survey={survey} at={mine} onMember={onMember} />
        </>
      )}
    </li>
  );
}

function PartnerTexts({ partner: p, member, survey, at, onMember }: { partner: Partner; member: Member; survey: SharedSurvey; at: At; onMember: (member: Member) => void }) {
  const t = useT('campaigns');
  const sample = useSample({ partner: p.name, version: survey.version, surveyTitle: survey.title, closesAt: survey.closesAt, timeZone: p.timeZone });
  const failing = textPointers(survey.languages).some((pointer) => at(pointer));
  // folded until opened, and opened by an error inside (it stays open while the error is fixed)
  const [open, setOpen] = useState(false);
  useEffect(() => { if (failing) setOpen(true); }, [failing]);
  const onTexts = ({ senderName, replyTo, messages }: Texts) => onMember({ ...member, senderName, replyTo, messages });
  const prefix = `wave-${p.id}`;
  return (
    <details class="wave-texts" open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t('wave.textsOf', { name: p.name })}</summary>
      <p class="hint">{t('wave.textsIntro', { name: p.name })}</p>
      <SenderFields prefix={prefix} texts={member} onTexts={onTexts} at={at} partner={p.name} />
      <EmailTexts prefix={`${prefix}-msg`} languages={survey.languages} texts={member} onTexts={onTexts} at={at} sample={sample} contactEmail={p.contactEmail ?? ''} />
    </details>
  );
}
