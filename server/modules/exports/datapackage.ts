/**
 * A Frictionless Data Package (tabular-data-package, v1, with v2's `categories` for value labels)
 * describing an export's CSV: dialect, and per field its type, title, allowed values and labels.
 */
import type { Field } from './fields.js';
import { SUPPRESSED } from './suppression.js';

export function dataPackage(survey: string, csvName: string, excel: boolean, fields: Field[]) {
  return {
    profile: 'tabular-data-package',
    name: `${survey.toLowerCase().replace(/[^a-z0-9._-]+/g, '-')}-responses`,
    title: `Anonymised responses to survey "${survey}"`,
    resources: [{
      name: 'responses',
      path: csvName,
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      dialect: { delimiter: excel ? ';' : ',', lineTerminator: excel ? '\r\n' : '\n', quoteChar: '"', doubleQuote: true, header: true },
      schema: {
        fields: fields.map((f) => ({
          name: f.name,
          type: f.type,
          title: f.title,
          ...(f.enum ? { constraints: { enum: f.enum } } : {}),
          ...(f.labels.length ? { categories: f.labels } : {}),
        })),
        // '' is an unanswered or absent question, the marker a value suppressed for a small group
        missingValues: ['', SUPPRESSED],
        primaryKey: ['respondent'],
      },
    }],
  };
}
