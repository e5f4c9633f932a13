/**
 * Follow-up contacts: the answers to a survey's personal questions (`"pii": true`, and text
 * inputs of type email or tel), such as an address left for a follow-up interview. Admins alone
 * export them, with the partner and the date and no other answer; an erasure removes them.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { responseDrafts, responses, surveyVersions } from '../../db/schema/index.js';
import type { Cell } from './cells.js';
import { questionFlags, type QuestionFlags } from './flags.js';

/** The personal questions of a version that hold an answer of their own (not a panel's template question). */
export function personalQuestions(flags: Map<string, QuestionFlags>): string[] {
  return [...flags].filter(([, f]) => f.pii && !f.panel).map(([name]) => name);
}

/** One row of the follow-up export, or null when the response left no personal answer. */
export function contactRow(data: Record<string, unknown>, questions: string[], asked: Set<string>): Cell[] | null {
  const cells = questions.map((q) => {
    const v = asked.has(q) ? data[q] : undefined;
    if (v === undefined || v === null || v === '') return null;
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
  });
  return cells.some((c) => c !== null) ? cells : null;
}

/** Whether any personal answer of a response is this person's address (compared as the erasure compares addresses). */
function leftAddress(data: Record<string, unknown>, questions: string[], sameAddress: (text: string) => boolean): boolean {
  return questions.some((q) => typeof data[q] === 'string' && sameAddress(data[q] as string));
}

const without = <T extends Record<string, unknown>>(data: T, keys: string[]): T => Object.fromEntries(Object.entries(data).filter(([k]) => !keys.includes(k))) as T;

/**
 * Inside an erasure's transaction: the answers to personal questions go from the erased person's
 * tracked responses (and their unfinished drafts), and from every response in which a personal
 * answer is their address (an open-link respondent who left it for a follow-up). The other
 * answers stay, as in every anonymous response.
 */
export function erasePersonalAnswers(tx: Db, { invitationIds, sameAddress }: { invitationIds: string[]; sameAddress: (text: string) => boolean }) {
  const personal = new Map<string, string[]>();
  for (const v of tx.select({ id: surveyVersions.id, definition: surveyVersions.definition }).from(surveyVersions).all()) {
    const questions = personalQuestions(questionFlags(v.definition));
    if (questions.length) personal.set(v.id, questions);
  }
  if (personal.size === 0) return;
  const tracked = new Set(invitationIds);
  const rows = tx.select({ id: responses.id, versionId: responses.versionId, invitationId: responses.invitationId, data: responses.data, auditInput: responses.auditInput })
    .from(responses).where(inArray(responses.versionId, [...personal.keys()])).all();
  for (const r of rows) {
    const questions = personal.get(r.versionId)!;
    if (!(r.invitationId && tracked.has(r.invitationId)) && !leftAddress(r.data, questions, sameAddress)) continue;
    const auditInput = r.auditInput ? { ...r.auditInput, answers: without(r.auditInput.answers, questions) } : r.auditInput;
    tx.update(responses).set({ data: without(r.data, questions), auditInput }).where(eq(responses.id, r.id)).run();
  }
  if (invitationIds.length === 0) return;
  for (const d of tx.select().from(responseDrafts).where(inArray(responseDrafts.invitationId, invitationIds)).all()) {
    const questions = personal.get(d.versionId);
    if (questions) tx.update(responseDrafts).set({ data: without(d.data, questions) }).where(eq(responseDrafts.invitationId, d.invitationId)).run();
  }
}
