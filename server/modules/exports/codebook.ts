/** The codebook: every exported column with its question's text in one language, its type, its value labels and the versions it appears in. */
import { stringify } from 'csv-stringify/sync';
import type { TextsPayload } from '../../../client/runtime/compiled-types.js';
import { guardCell } from '../../spreadsheet-guard.js';
import type { Codebook } from './schemas.js';
import type { Dropped, Variable } from './variables.js';

export interface VersionTexts {
  version: number;
  defaultLanguage: string;
  texts: Record<string, TextsPayload>;
}

type Entry = Codebook['variables'][number];

const META: Array<[string, string, Array<[string, string]>?]> = [
  ['respondent', 'Pseudonym of the response: a keyed hash (HMAC-SHA256) under a key made for this export alone'],
  ['version', 'Survey version answered'],
  ['state', 'State of the response', [['completed', 'completed'], ['partial', 'partial']]],
  ['date', 'Date of completion (of the start, for a partial response), UTC'],
  ['partner', 'Partner organisation'],
  ['country', "Partner's country (ISO 3166-1 alpha-2)"],
  ['region', "Partner's region"],
  ['language', 'Language answered in'],
  ['campaign', 'Campaign'],
];

export function buildCodebook(slug: string, lang: string | undefined, variables: Variable[], dropped: Dropped[], versions: VersionTexts[]): Codebook {
  const byVersion = new Map(versions.map((v) => [v.version, v]));
  const latest = versions.at(-1);
  const language = lang ?? latest?.defaultLanguage ?? 'en';
  const text = (version: number, key: string) => {
    const v = byVersion.get(version);
    if (!v || !key) return '';
    const texts = v.texts[language === v.defaultLanguage ? 'default' : language] ?? v.texts.default;
    return texts?.texts[key] ?? v.texts.default?.texts[key] ?? '';
  };
  const meta: Entry[] = META.map(([variable, description, values = []]) => ({
    variable, question: '', text: description, type: 'meta', part: 'meta', freeText: false,
    quasiIdentifier: ['partner', 'country', 'region', 'language', 'campaign', 'date'].includes(variable),
    versions: versions.map((v) => v.version), values: values.map(([value, label], i) => ({ value, code: i + 1, label })),
  }));
  const answers: Entry[] = variables.map((v) => {
    const last = v.versions.at(-1)!;
    const parts = (v.partLabels.get(last) ?? []).map((key) => text(last, key));
    if (v.panel) parts.unshift(String(v.panel.index));
    if (v.part === 'other') parts.push('other (text)');
    return {
      variable: v.name, question: v.question, text: [text(last, v.titles.get(last)!), ...parts].filter(Boolean).join(' — '),
      type: v.questionType, part: v.part, freeText: v.freeText, quasiIdentifier: v.quasiIdentifier, versions: [...v.versions],
      ...(v.panel ? { panel: v.panel.index, templateQuestion: v.panel.question } : {}),
      values: v.part === 'option'
        ? [{ value: 0, code: 0, label: 'not chosen' }, { value: 1, code: 1, label: 'chosen' }]
        : v.valueLabels.map((l) => {
          const version = [...l.labels.keys()].at(-1)!;
          return { value: l.value, code: l.code, label: text(version, l.labels.get(version)!) };
        }),
    };
  });
  return { survey: slug, language, variables: [...meta, ...answers], dropped: dropped.map((d) => ({ ...d })) };
}

/** The header, then one row per value label (one row for a column without labels). */
export function codebookRows(codebook: Codebook): Array<Array<string | number>> {
  const header = ['variable', 'question', 'text', 'type', 'part', 'free_text', 'quasi_identifier', 'versions', 'value', 'code', 'label', 'panel', 'template_question'];
  const rows: Array<Array<string | number>> = [];
  for (const v of codebook.variables) {
    const common = [v.variable, v.question, v.text, v.type, v.part, v.freeText ? 1 : 0, v.quasiIdentifier ? 1 : 0, v.versions.join(';')];
    const panel = [v.panel ?? '', v.templateQuestion ?? ''];
    if (v.values.length === 0) rows.push([...common, '', '', '', ...panel]);
    for (const l of v.values) rows.push([...common, typeof l.value === 'number' ? l.value : String(l.value), l.code, l.label, ...panel]);
  }
  return [header, ...rows];
}

export function codebookCsv(codebook: Codebook): string {
  return stringify(codebookRows(codebook).map((row) => row.map((c) => (typeof c === 'string' ? guardCell(c) : c))));
}
