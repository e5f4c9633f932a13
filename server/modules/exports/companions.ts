/** The files that describe an export's CSV, served alone and put in the zip beside it. */
import { dataPackage } from './datapackage.js';
import type { Field } from './fields.js';
import { spssSyntax } from './spss.js';

export interface Described { survey: string; csvName: string; fields: Field[] }
export interface Companion { name: string; type: string; text: string }

export const COMPANIONS = {
  datapackage: "A Frictionless Data Package (datapackage.json) describing the CSV that the export route gives with the same options: each field's type, title, allowed values and labels",
  spss: 'SPSS syntax (.sps) that reads the CSV the export route gives with the same options and applies variable and value labels',
} as const;

export function companion(kind: keyof typeof COMPANIONS, d: Described, excel: boolean): Companion {
  return kind === 'datapackage'
    ? { name: 'datapackage.json', type: 'application/json; charset=utf-8', text: `${JSON.stringify(dataPackage(d.survey, d.csvName, excel, d.fields), null, 2)}\n` }
    : { name: `${d.survey}-responses.sps`, type: 'text/plain; charset=utf-8', text: spssSyntax(d.survey, d.csvName, excel, d.fields) };
}
