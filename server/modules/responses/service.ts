/**
 * Response intake: partial saves and completions of a response, each validated against the
 * exact compiled version the response answers, each idempotent, each committed (synchronous=FULL)
 * before the caller can answer 2xx. Completed responses join survey-core's re-check queue.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { partners, responses } from '../../db/schema/index.js';
import type { ResponseChannel } from '../../db/schema/index.js';
import { conflict, forbidden, invalid, notFound } from '../../errors.js';
import type { Scope } from '../lists/scope.js';
import { partnerOf } from '../lists/scope.js';
import type { CompiledStore } from '../surveys/compiled-store.js';
import { acceptedAnswers, checkLocale, completedAnswers, mergeAnswers } from './validate.js';
import { createReceipts, type Receipt } from './receipts.js';
import { createVersionCache, type ServedVersion } from './versions.js';
import { createDrafts } from './drafts.js';
import { newResponseId } from './ids.js';
import { assertShallow } from './depth.js';
import { auditReport } from './audit/report.js';
import { checkAcknowledgement } from './notice.js';

export interface Submission {
  answers?: unknown;
  locale?: string;
  /** the version number the respondent was served; refused when the response answers another */
  version?: number;
  /** the version of the privacy notice shown, and whether the respondent consented (see notice.ts) */
  notice?: string;
  consent?: boolean;
  /** the page the respondent is on (personal-link drafts keep it, to resume there) */
  page?: number;
}

export interface StartInput extends Submission {
  versionId: string;
  partnerId: string | null;
  campaignId?: string | null;
  channel: ResponseChannel;
  complete?: boolean;
}

type ResponseRow = typeof responses.$inferSelect;

export function createResponsesService({ db, compiled, clock = () => new Date(), onCompleted = () => {} }:
  { db: Db; compiled: CompiledStore; clock?: () => Date; onCompleted?: () => void }) {
  const versions = createVersionCache(db, compiled);
  const receipts = createReceipts(clock);

  /** Runs a submission once per idempotency key, in one transaction with its receipt. */
  function once(scope: string, key: string, request: unknown, work: (tx: Db) => Receipt): Receipt {
    assertShallow(request);
    return db.transaction((tx) => {
      const earlier = receipts.replay(tx, scope, key, request);
      if (earlier) return earlier;
      const receipt = work(tx as unknown as Db);
      receipts.keep(tx, scope, key, request, receipt);
      return receipt;
    }, { behavior: 'immediate' });
  }

  function assertOpen(version: ServedVersion) {
    if (versions.surveyState(version.surveyId) !== 'open') throw conflict(`Survey "${version.slug}" is not open for answers.`);
  }

  function view(row: ResponseRow, version: ServedVersion) {
    return {
      id: row.id, survey: version.slug, version: version.version, partnerId: row.partnerId, campaignId: row.campaignId, channel: row.channel,
      locale: row.locale, state: row.state, data: row.data, startedAt: row.startedAt, updatedAt: row.updatedAt, completedAt: row.completedAt,
    };
  }

  function visibleRow(tx: Db, id: string, scope: Scope): ResponseRow {
    const row = tx.select().from(responses).where(eq(responses.id, id)).get();
    const p = partnerOf(scope);
    if (!row || (p !== undefined && row.partnerId !== p)) throw notFound('The response');
    return row;
  }

  function checkVersion(version: ServedVersion, served: number | undefined) {
    if (served !== undefined && served !== version.version) {
      throw conflict(`This response answers version ${version.version} of survey "${version.slug}", not version ${served}; reload the survey and submit again.`);
    }
  }

  /** A partial response the caller may write, with a submission's answers applied to its stored ones. */
  function writable(tx: Db, id: string, submission: Submission, scope: Scope) {
    const row = visibleRow(tx, id, scope);
    const version = versions.get(row.versionId);
    if (row.state === 'completed') throw conflict('This response is already completed; its answers can no longer change.');
    assertOpen(version);
    checkVersion(version, submission.version);
    const locale = submission.locale === undefined ? row.locale : checkLocale(version, submission.locale);
    return { row, version, locale, answers: mergeAnswers(row.data, acceptedAnswers(version, submission.answers ?? {})) };
  }

  const drafts = createDrafts({ db, versions, once, clock, onCompleted });

  return {
    versions,
    drafts,

    /**
     * Starts a response (an API client entering answers, or an open-link respondent), optionally
     * completing it at once; `admit` runs first in the transaction and may refuse (an open link's cap).
     */
    start(input: StartInput, key: string, keyScope: string, admit: (tx: Db) => void = () => {}): Receipt {
      return once(`start:${keyScope}`, key, input, (tx) => {
        admit(tx);
        const version = versions.get(input.versionId);
        assertOpen(version);
        checkVersion(version, input.version);
        if (input.partnerId && !tx.select({ id: partners.id }).from(partners).where(eq(partners.id, input.partnerId)).get()) {
          throw invalid('There is no such partner.', [{ pointer: '/partnerId', message: 'is not a partner' }]);
        }
        const locale = checkLocale(version, input.locale);
        let data = acceptedAnswers(version, input.answers ?? {});
        data = mergeAnswers({}, data);
        const now = clock().toISOString();
        const completed = input.complete ? completedAnswers(version, data, locale) : undefined;
        const { notice, consent } = checkAcknowledgement(version, input, !!input.complete);
        const row: ResponseRow = {
          id: newResponseId(), versionId: version.versionId, campaignId: input.campaignId ?? null, partnerId: input.partnerId, invitationId: null,
          channel: input.channel, anonymous: 'no', locale, state: completed ? 'completed' : 'partial', data: completed ?? data,
          startedAt: now, updatedAt: now, completedAt: completed ? now : null,
          auditState: completed ? 'pending' : null, auditInput: completed ? { answers: data, locale } : null, auditDetail: null, notice, consent,
        };
        tx.insert(responses).values(row).run();
        if (completed) queueMicrotask(onCompleted);
        return { status: 201, body: view(row, version) };
      });
    },

    /** Saves some answers (a page's) of a partial response: values replace, null clears. */
    save(id: string, submission: Submission, key: string, scope: Scope): Receipt {
      return once(`response:${id}`, key, { save: submission }, (tx) => {
        const { row, version, locale, answers: data } = writable(tx, id, submission, scope);
        const updatedAt = clock().toISOString();
        const ack = checkAcknowledgement(version, { notice: submission.notice ?? row.notice, consent: submission.consent ?? row.consent }, false);
        tx.update(responses).set({ data, locale, updatedAt, ...ack }).where(eq(responses.id, id)).run();
        return { status: 200, body: view({ ...row, data, locale, updatedAt }, version) };
      });
    },

    /** Completes a response with its stored answers and any last ones sent. */
    complete(id: string, submission: Submission, key: string, scope: Scope, admit: (tx: Db) => void = () => {}): Receipt {
      return once(`response:${id}`, key, { complete: submission }, (tx) => {
        const { row, version, locale, answers } = writable(tx, id, submission, scope);
        admit(tx);
        const now = clock().toISOString();
        const ack = checkAcknowledgement(version, { notice: submission.notice ?? row.notice, consent: submission.consent ?? row.consent }, true);
        const set = { data: completedAnswers(version, answers, locale), locale, state: 'completed' as const, updatedAt: now, completedAt: now,
          auditState: 'pending' as const, auditInput: { answers, locale }, ...ack };
        tx.update(responses).set(set).where(eq(responses.id, id)).run();
        queueMicrotask(onCompleted);
        return { status: 200, body: view({ ...row, ...set }, version) };
      });
    },

    auditReport: () => auditReport(db),

    get(id: string, scope: Scope) {
      const row = visibleRow(db, id, scope);
      return view(row, versions.get(row.versionId));
    },

    /** Who may start responses for which partner: a coordinator for their own, an admin for any or none. */
    partnerFor(scope: Scope, requested: string | null | undefined): string | null {
      if (scope.role === 'admin') return requested ?? null;
      if (!scope.partnerId) throw forbidden('Your account belongs to no partner, so it cannot enter responses.');
      if (requested && requested !== scope.partnerId) throw notFound('The partner');
      return scope.partnerId;
    },
  };
}

export type ResponsesService = ReturnType<typeof createResponsesService>;
