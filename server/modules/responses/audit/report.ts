import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AUDIT_STATES, responses, surveys, surveyVersions } from '../../../db/schema/index.js';

/** How survey-core's re-check stands: counts by state, and every disagreement or failed check. */
export function auditReport(db: Db, limit = 200) {
  const counts = Object.fromEntries(AUDIT_STATES.map((s) => [s, 0])) as Record<(typeof AUDIT_STATES)[number], number>;
  for (const row of db.select({ state: responses.auditState, n: sql<number>`count(*)` }).from(responses).groupBy(responses.auditState).all()) {
    if (row.state) counts[row.state] = row.n;
  }
  const defects = db.select({ responseId: responses.id, survey: surveys.slug, version: surveyVersions.version, state: responses.auditState, detail: responses.auditDetail })
    .from(responses).innerJoin(surveyVersions, eq(surveyVersions.id, responses.versionId)).innerJoin(surveys, eq(surveys.id, surveyVersions.surveyId))
    .where(inArray(responses.auditState, ['differs', 'failed'])).limit(limit).all();
  return { counts, defects: defects.map((d) => ({ ...d, state: d.state ?? '' })) };
}

/** Whether completed responses wait for their re-check (after a restart). */
export function auditPending(db: Db): boolean {
  return !!db.select({ id: responses.id }).from(responses).where(eq(responses.auditState, 'pending')).limit(1).get();
}
