/**
 * Personal-link answering: partial answers live in a draft keyed by the invitation, so the
 * respondent can resume on another visit. Completion turns the draft into a response and deletes
 * the draft in one transaction. In anonymous mode that response has a random id, no invitation,
 * and only dates, so nothing in the database ties it back to the invitation or the contact; the
 * receipt kept for a retry does not name it either.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { responseDrafts, responses } from '../../db/schema/index.js';
import { ProblemError, conflict } from '../../errors.js';
import type { Receipt } from './receipts.js';
import { acceptedAnswers, checkLocale, completedAnswers, mergeAnswers } from './validate.js';
import type { ServedVersion, VersionCache } from './versions.js';
import { dayOf, newResponseId } from './ids.js';
import type { Submission } from './service.js';
import { checkAcknowledgement } from './notice.js';

type Once = (scope: string, key: string, request: unknown, work: (tx: Db) => Receipt) => Receipt;

/**
 * The invitation's side of a completion, given by the campaigns module: whether the invitation
 * has already been answered, and marking it answered (without a time) in the same transaction.
 */
export interface InvitationGate {
  completed(tx: Db): boolean;
  markCompleted(tx: Db): void;
  /** after a save (the first one marks the invitation started) */
  saved?(tx: Db): void;
}

export interface DraftCompletion extends Submission {
  /** the version the invitation serves; a draft of another version is refused */
  versionId: string;
  anonymous: boolean;
  campaignId: string | null;
  partnerId: string | null;
  /** tracked campaigns that allow editing until they close: a completed response may be completed again with new answers */
  editable?: boolean;
}

const alreadySent = () => new ProblemError(409, 'ALREADY_COMPLETED', 'These answers were already sent. Thank you!');

export function createDrafts({ db, versions, once, clock, onCompleted }:
  { db: Db; versions: VersionCache; once: Once; clock: () => Date; onCompleted: () => void }) {
  const find = (tx: Db, invitationId: string) => tx.select().from(responseDrafts).where(eq(responseDrafts.invitationId, invitationId)).get();

  function served(versionId: string, submitted: number | undefined): ServedVersion {
    const version = versions.get(versionId);
    if (submitted !== undefined && submitted !== version.version) {
      throw conflict(`This link serves version ${version.version} of survey "${version.slug}", not version ${submitted}; reload the survey and submit again.`);
    }
    return version;
  }

  const completedOf = (tx: Db, invitationId: string) => tx.select().from(responses)
    .where(and(eq(responses.invitationId, invitationId), eq(responses.state, 'completed'))).get();

  /** New answers for a completed tracked response, checked as a completion is; survey-core re-checks it again. */
  function revise(tx: Db, invitationId: string, input: DraftCompletion): Receipt {
    const row = completedOf(tx, invitationId);
    if (!row) throw alreadySent();
    const version = served(row.versionId, input.version);
    const locale = input.locale === undefined ? row.locale : checkLocale(version, input.locale);
    const answers = mergeAnswers(row.data, acceptedAnswers(version, input.answers ?? {}));
    const data = completedAnswers(version, answers, locale);
    const ack = checkAcknowledgement(version, { notice: input.notice ?? row.notice, consent: input.consent ?? row.consent }, true);
    const now = clock().toISOString();
    tx.update(responses).set({ data, locale, updatedAt: now, auditState: 'pending', auditInput: { answers, locale }, ...ack }).where(eq(responses.id, row.id)).run();
    queueMicrotask(onCompleted);
    return { status: 200, body: { state: 'completed', survey: version.slug, version: version.version, locale, id: row.id } };
  }

  return {
    get: (invitationId: string) => find(db, invitationId),

    /** A tracked invitation's completed response, for editing it while the campaign allows. */
    completed: (invitationId: string) => completedOf(db, invitationId),

    /** Saves some answers to the invitation's draft, creating it on the first save. */
    save(invitationId: string, versionId: string, submission: Submission, key: string, gate: InvitationGate): Receipt {
      return once(`draft:${invitationId}`, key, { save: submission }, (tx) => {
        if (gate.completed(tx)) throw alreadySent();
        const existing = find(tx, invitationId);
        if (existing && existing.versionId !== versionId) throw conflict('Your saved answers belong to another version of this survey.');
        const version = served(versionId, submission.version);
        const locale = submission.locale === undefined ? (existing?.locale ?? 'default') : checkLocale(version, submission.locale);
        const data = mergeAnswers(existing?.data ?? {}, acceptedAnswers(version, submission.answers ?? {}));
        const now = clock().toISOString();
        const ack = checkAcknowledgement(version, { notice: submission.notice ?? existing?.notice, consent: submission.consent ?? existing?.consent }, false);
        const page = submission.page !== undefined && submission.page < version.structure.pages.length ? submission.page : (existing?.page ?? null);
        tx.insert(responseDrafts).values({ invitationId, versionId, locale, data, startedAt: now, updatedAt: now, page, ...ack })
          .onConflictDoUpdate({ target: responseDrafts.invitationId, set: { data, locale, updatedAt: now, page, ...ack } }).run();
        gate.saved?.(tx);
        // no answers in the reply: it is kept as the receipt, which must hold nothing of them after completion
        return { status: 200, body: { state: 'draft', survey: version.slug, version: version.version, locale, saved: Object.keys(data).length } };
      });
    },

    /** Completes the invitation's answers, once: a second completion is refused by the gate. */
    complete(invitationId: string, input: DraftCompletion, key: string, gate: InvitationGate): Receipt {
      return once(`draft:${invitationId}`, key, { complete: input }, (tx) => {
        if (gate.completed(tx)) {
          if (input.editable && !input.anonymous) return revise(tx, invitationId, input);
          throw alreadySent();
        }
        const draft = find(tx, invitationId);
        if (draft && draft.versionId !== input.versionId) throw conflict('Your saved answers belong to another version of this survey.');
        const version = served(input.versionId, input.version);
        const locale = input.locale === undefined ? (draft?.locale ?? 'default') : checkLocale(version, input.locale);
        const answers = mergeAnswers(draft?.data ?? {}, acceptedAnswers(version, input.answers ?? {}));
        const data = completedAnswers(version, answers, locale);
        const { notice, consent } = checkAcknowledgement(version, { notice: input.notice ?? draft?.notice, consent: input.consent ?? draft?.consent }, true);
        const now = clock().toISOString();
        const started = draft?.startedAt ?? now;
        const id = newResponseId();
        const time = input.anonymous ? dayOf : (t: string) => t;
        tx.insert(responses).values({
          id, versionId: version.versionId, campaignId: input.campaignId, partnerId: input.partnerId, invitationId: input.anonymous ? null : invitationId,
          channel: 'personal', anonymous: input.anonymous ? 'yes' : 'no', locale, state: 'completed', data,
          startedAt: time(started), updatedAt: time(now), completedAt: time(now), auditState: 'pending', auditInput: { answers, locale }, notice, consent,
        }).run();
        tx.delete(responseDrafts).where(eq(responseDrafts.invitationId, invitationId)).run();
        gate.markCompleted(tx);
        queueMicrotask(onCompleted);
        const body = { state: 'completed', survey: version.slug, version: version.version, locale };
        return { status: 200, body: input.anonymous ? body : { ...body, id } };
      });
    },
  };
}
