/**
 * Anonymised exports of a survey's responses: all published versions merged by question name,
 * personal questions and contact data never read into the output, respondents pseudonymised
 * under a key made for each export, and small groups suppressed (suppression.ts) on the whole
 * survey before the filters apply. Rows stream from a read-only snapshot (snapshot.ts).
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Role } from '../../db/schema/index.js';
import { forbidden, invalid, ProblemError } from '../../errors.js';
import type { AuditService } from '../audit/service.js';
import type { VersionCache } from '../responses/versions.js';
import { cellOf, type Cell } from './cells.js';
import { buildCodebook, codebookCsv, codebookRows, type VersionTexts } from './codebook.js';
import { companion } from './companions.js';
import { describeFields } from './fields.js';
import { contactRow, personalQuestions } from './follow-up.js';
import { checkFilters, FILTERS } from './filters.js';
import type { CodebookQuery, ExportQuery, FollowUpQuery } from './schemas.js';
import { GROUPING, selection } from './selection.js';
import { openSnapshot, type ResponseRow, type Snapshot } from './snapshot.js';
import { comboKey, cutThrough, suppress, SUPPRESSED } from './suppression.js';
import { type Dropped, type Variable } from './variables.js';
import { csvWriter, encode, ndjsonWriter } from './writers.js';
import { census, loadSurvey } from './survey-census.js';
import { encodeXlsx, xlsxFormat } from './xlsx.js';
import { zipExport } from './zip.js';

export interface Exporter { userId: string | null; role: Role }

const META_COLUMNS = ['respondent', 'version', 'state', 'date', 'partner', 'country', 'region', 'language', 'campaign'];

/** The smallest k a researcher may ask for (admins may go down to 2). */
export const RESEARCHER_MIN_K = 5;

/** Checks the options against the role; returns whether free text is exported. */
function freeTextOf(query: ExportQuery, by: Exporter): boolean {
  if (query.timestamps && by.role !== 'admin') throw forbidden('Exact timestamps are exported for admins only; researchers get dates, or months with months=true.');
  if (query.k < RESEARCHER_MIN_K && by.role !== 'admin') throw forbidden(`Researchers export with k of at least ${RESEARCHER_MIN_K}: smaller groups could identify people. A smaller k is for admins.`);
  return query.freeText ?? by.role === 'admin';
}

/** Whether the query filters on a quasi-identifier (anything but the state). */
const filtersQuasi = (query: ExportQuery) => FILTERS.some((f) => f !== 'state' && query[f] !== undefined);

/** The codebook and fields of the exported columns, and the CSV's name. */
function describeExport(slug: string, query: ExportQuery, exported: Variable[], dropped: Dropped[], texts: VersionTexts[]) {
  const codebook = buildCodebook(slug, query.lang, exported, dropped, texts);
  return { survey: slug, codebook, fields: describeFields(codebook, exported, query), csvName: `${slug}-responses.csv` };
}

export function createExportsService({ dbFile, versions, audit }: { dbFile: string; versions: VersionCache; audit: AuditService }) {
  /** Opens a snapshot for `work`; closed if `work` fails, else by `work` or by the stream it returns. */
  async function withSnapshot<T>(work: (snapshot: Snapshot) => T | Promise<T>): Promise<T> {
    const snapshot = openSnapshot(dbFile);
    try {
      return await work(snapshot);
    } catch (err) {
      snapshot.close();
      throw err;
    }
  }

  return {
    /** Admins only: the answers to personal questions, with the partner and the date alone; audited. */
    followUpContacts(slug: string, query: FollowUpQuery, by: Exporter) {
      if (by.role !== 'admin') {
        throw forbidden('Follow-up contacts are personal data (answers to questions marked pii, such as an address left for an interview): only admins export them. Research exports never hold them.');
      }
      return withSnapshot((snapshot) => {
        const { survey, published, consentVersions } = loadSurvey(snapshot, versions, slug);
        const asked = new Map(published.map((v) => [v.versionId, new Set(personalQuestions(v.flags))]));
        const questions = [...new Set([...asked.values()].flatMap((q) => [...q]))];
        const partners = snapshot.partners();
        function* rows() {
          for (const r of snapshot.responses(survey.id, [], true, consentVersions)) {
            const answers = contactRow(JSON.parse(r.data!) as Record<string, unknown>, questions, asked.get(r.versionId)!);
            if (answers) yield [(r.partnerId && partners.get(r.partnerId)?.name) || null, (r.completedAt ?? r.startedAt).slice(0, 10), ...answers];
          }
        }
        let count = 0;
        for (const _ of rows()) count++;
        audit.record({ actorId: by.userId, partnerId: null, action: 'responses.export_contacts', targetType: 'survey', targetId: survey.id,
          details: { questions, rows: count, flavour: query.flavour } });
        const writer = csvWriter(query.flavour === 'excel');
        return { rows: count, body: encode(writer, ['partner', 'date', ...questions], rows(), () => snapshot.close()).body, fileName: `${survey.slug}-follow-up-contacts.csv` };
      });
    },

    codebook(slug: string, query: CodebookQuery) {
      return withSnapshot((snapshot) => {
        const { survey, texts, variables, dropped } = loadSurvey(snapshot, versions, slug);
        snapshot.close();
        return buildCodebook(survey.slug, query.lang, variables, dropped, texts);
      });
    },

    /** What an export with these options would hold (no responses read, nothing audited). */
    describe(slug: string, query: ExportQuery, by: Exporter) {
      const freeText = freeTextOf(query, by);
      return withSnapshot((snapshot) => {
        const { survey, texts, variables, dropped } = loadSurvey(snapshot, versions, slug);
        snapshot.close();
        return describeExport(survey.slug, query, variables.filter((v) => freeText || !v.freeText), dropped, texts);
      });
    },

    /**
     * Checks the request, decides suppression, records the export in the audit log and returns
     * the manifest with a stream of the file; nothing is read into memory but one batch of rows.
     */
    async prepare(slug: string, query: ExportQuery, by: Exporter) {
      const freeText = freeTextOf(query, by);
      return withSnapshot(async (snapshot) => {
        const { survey, published, texts, variables, dropped, quasi, panelQuasi, consentVersions } = loadSurvey(snapshot, versions, slug);
        const partners = snapshot.partners();
        const campaigns = snapshot.campaigns(survey.id);
        checkFilters(query, slug, partners, campaigns);
        const byId = new Map(published.map((v) => [v.versionId, v]));
        const view = selection(query, partners, (versionId) => byId.get(versionId)?.defaultLanguage, quasi, panelQuasi);
        const dimensions = [...GROUPING, 'date', ...quasi];
        if (dimensions.length > 30) throw invalid('Too many questions are marked quasiIdentifier (at most 24).', []);

        const { groups, rows } = await census(snapshot.responses(survey.id, quasi, false, consentVersions), view);
        if (rows > 0 && rows < query.k) {
          throw new ProblemError(422, 'TOO_FEW_RESPONSES', `These filters select ${rows} responses, fewer than k = ${query.k}: so small a group could identify people. Widen the filters.`);
        }
        const suppression = suppress([...groups.values()], dimensions, query.k);
        const cut = filtersQuasi(query) ? cutThrough([...groups.values()], dimensions) : null;
        if (cut) {
          throw new ProblemError(422, 'FILTERS_SPLIT_GROUP', cut.length
            ? `These filters select part of a small group whose ${cut.join(', ')} had to be suppressed: the export would tell its members' ${cut.join(', ')}. Widen the filters (or export without them).`
            : 'These dates select part of a month, while the export shows months: the export would tell the days. Filter by whole months, or export days.');
        }

        const exported = variables.filter((v) => freeText || !v.freeText);
        const columns = [...META_COLUMNS, ...exported.map((v) => v.name)];
        const columnsOf = (d: string) => (d === 'date' || (GROUPING as readonly string[]).includes(d)
          ? [columns.indexOf(d)]
          : exported.flatMap((v, i) => (v.question === d ? [META_COLUMNS.length + i] : [])));
        const dimensionColumns = dimensions.map(columnsOf);
        const manifest = {
          survey: survey.slug, format: query.format, rows, k: query.k, kBefore: suppression.kBefore, kAfter: suppression.kAfter,
          suppressed: suppression.suppressed, columns: columns.length, dropped: dropped.map((d) => d.question),
          ...(freeText ? {} : { droppedFreeText: variables.filter((v) => v.freeText).map((v) => v.name) }),
        };
        const filters = Object.fromEntries(FILTERS.filter((f) => query[f] !== undefined).map((f) => [f, query[f]]));
        audit.record({ actorId: by.userId, partnerId: null, action: 'responses.export', targetType: 'survey', targetId: survey.id, details: {
          format: query.format, filters, options: { flavour: query.flavour, k: query.k, codes: query.codes, months: query.months, timestamps: query.timestamps, freeText },
          rows, kBefore: suppression.kBefore, kAfter: suppression.kAfter, suppressed: suppression.suppressed } });

        const salt = randomBytes(32);
        const pseudonym = (id: string) => createHmac('sha256', salt).update(id).digest('hex').slice(0, 24);
        const record = (r: ResponseRow): Cell[] => {
          const version = byId.get(r.versionId)!;
          const p = view.partner(r);
          const data = JSON.parse(r.data!) as Record<string, unknown>;
          const row: Cell[] = [pseudonym(r.id), version.version, r.state, view.date(r), p?.name ?? null, p?.country ?? null, p?.region ?? null, view.language(r),
            r.campaignId ? campaigns.get(r.campaignId)?.name ?? null : null,
            ...exported.map((v) => (v.versions.includes(version.version) ? cellOf(v, data, version.structure.commentSuffix, query.codes) : null))];
          const mask = groups.get(comboKey(view.quasiValues(r)))!.mask;
          dimensionColumns.forEach((cols, d) => { if (mask & (1 << d)) for (const c of cols) row[c] = SUPPRESSED; });
          return row;
        };

        function* records() {
          for (const r of snapshot.responses(survey.id, quasi, true, consentVersions)) if (view.selected(r)) yield record(r);
        }
        const described = describeExport(survey.slug, query, exported, dropped, texts);
        const fileName = (extension: string) => `${survey.slug}-responses.${extension}`;
        if (query.format === 'xlsx') {
          const { body, progress } = encodeXlsx(columns, records(), codebookRows(described.codebook), () => snapshot.close());
          return { manifest, described, body, progress, contentType: xlsxFormat.contentType, fileName: fileName(xlsxFormat.extension) };
        }
        const excel = query.flavour === 'excel';
        const writer = query.format === 'ndjson' ? ndjsonWriter : csvWriter(excel);
        const { body, progress } = encode(writer, columns, records(), () => snapshot.close());
        if (query.format === 'zip') {
          const { codebook } = described;
          const zip = zipExport(body, described.csvName, [
            { name: `${survey.slug}-codebook.csv`, text: codebookCsv(codebook) },
            { name: `${survey.slug}-codebook.json`, text: `${JSON.stringify(codebook, null, 2)}\n` },
            companion('datapackage', described, excel),
            companion('spss', described, excel),
            { name: 'manifest.json', text: `${JSON.stringify(manifest, null, 2)}\n` },
          ]);
          return { manifest, described, body: zip, progress, contentType: 'application/zip', fileName: `${survey.slug}-export.zip` };
        }
        return { manifest, described, body, progress, contentType: writer.contentType, fileName: fileName(writer.extension) };
      });
    },
  };
}

export type ExportsService = ReturnType<typeof createExportsService>;
