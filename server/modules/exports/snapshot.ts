/**
 * An export's own read-only connection, holding one read transaction: both passes over the
 * responses (the quasi-identifier census and the rows themselves) see the same snapshot while new
 * answers arrive, and the connection that serves requests is never tied up by an open cursor.
 */
import Database from 'better-sqlite3';

export interface ResponseRow {
  id: string;
  versionId: string;
  partnerId: string | null;
  campaignId: string | null;
  locale: string;
  state: 'partial' | 'completed';
  startedAt: string;
  completedAt: string | null;
  /** the stored answers (JSON text), only when asked for */
  data?: string;
  /** json_extract of each quasi-identifier question, in the order asked */
  quasi: unknown[];
}

/** Consent given, or not asked for by the response's version (the parameter: a JSON array of the versions that ask). */
const CONSENTED = '(consent = 1 OR version_id NOT IN (SELECT value FROM json_each(?)))';

/** The JSON path of a top-level answer. */
const path = (name: string) => `$."${name.replace(/"/g, '\\"')}"`;

export function openSnapshot(dbFile: string) {
  const sqlite = new Database(dbFile, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  sqlite.exec('BEGIN');
  let open = true;

  return {
    survey(slug: string) {
      return sqlite.prepare('SELECT id, slug FROM surveys WHERE slug = ?').get(slug) as { id: string; slug: string } | undefined;
    },

    publishedVersions(surveyId: string) {
      return sqlite.prepare('SELECT id, version, definition FROM survey_versions WHERE survey_id = ? AND published_at IS NOT NULL ORDER BY version')
        .all(surveyId) as Array<{ id: string; version: number; definition: string }>;
    },

    partners() {
      const rows = sqlite.prepare('SELECT id, name, country, region FROM partners').all() as Array<{ id: string; name: string; country: string; region: string | null }>;
      return new Map(rows.map((r) => [r.id, r]));
    },

    campaigns(surveyId: string) {
      const rows = sqlite.prepare('SELECT id, name, partner_id AS partnerId FROM campaigns WHERE survey_id = ?').all(surveyId) as Array<{ id: string; name: string; partnerId: string }>;
      return new Map(rows.map((r) => [r.id, r]));
    },

    /** The most panels any response of the survey has in each dynamic panel question. */
    panelCounts(surveyId: string, names: string[], consentVersions: string[]): Map<string, number> {
      if (names.length === 0) return new Map();
      const columns = names.map((_, i) => `max(json_array_length(data, ?)) AS n${i}`).join(', ');
      const row = sqlite.prepare(`SELECT ${columns} FROM responses WHERE version_id IN (SELECT id FROM survey_versions WHERE survey_id = ?) AND ${CONSENTED}`)
        .get(...names.map(path), surveyId, JSON.stringify(consentVersions)) as Record<string, number | null>;
      return new Map(names.map((name, i) => [name, row[`n${i}`] ?? 0]));
    },

    /**
     * Every response of the survey, except those to a version that asks for consent and never got
     * it (partial ones, say). In the order of the version index (version, state, id): ids are
     * random, so nothing of the order of arrival, and no ORDER BY, which made SQLite sort every
     * row with its answers in memory before the first one came (seconds and 100 MB at 100,000).
     */
    *responses(surveyId: string, quasi: string[], withData: boolean, consentVersions: string[] = []): Generator<ResponseRow> {
      const extracts = quasi.map((_, i) => `, json_extract(data, ?) AS q${i}`).join('');
      const statement = sqlite.prepare(`SELECT id, version_id AS versionId, partner_id AS partnerId, campaign_id AS campaignId, locale, state,
        started_at AS startedAt, completed_at AS completedAt${withData ? ', data' : ''}${extracts}
        FROM responses WHERE version_id IN (SELECT id FROM survey_versions WHERE survey_id = ?) AND ${CONSENTED}`);
      for (const row of statement.iterate(...quasi.map(path), surveyId, JSON.stringify(consentVersions)) as IterableIterator<Record<string, unknown>>) {
        yield { ...(row as unknown as ResponseRow), quasi: quasi.map((_, i) => row[`q${i}`]) };
      }
    },

    close() {
      if (!open) return;
      open = false;
      if (sqlite.inTransaction) sqlite.exec('COMMIT');
      sqlite.close();
    },
  };
}

export type Snapshot = ReturnType<typeof openSnapshot>;
