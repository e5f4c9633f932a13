/** The export form's state and the query string the export API takes (server/modules/exports/schemas.ts). */
import type { Role } from '../../session.js';

export const FORMATS = ['csv', 'excel', 'xlsx', 'ndjson', 'zip'] as const;
export type Format = (typeof FORMATS)[number];
export const STATES = ['completed', 'partial', 'all'] as const;

export interface ExportForm {
  survey: string;
  campaign: string; partner: string; country: string; region: string; language: string; from: string; to: string;
  state: (typeof STATES)[number];
  format: Format; k: string; codes: boolean; freeText: boolean; months: boolean; timestamps: boolean;
}

/** The API's defaults: k = 5, free text for admins only. */
export function initialForm(role: Role, survey = ''): ExportForm {
  return { survey, campaign: '', partner: '', country: '', region: '', language: '', from: '', to: '', state: 'completed',
    format: 'csv', k: '5', codes: false, freeText: role === 'admin', months: false, timestamps: false };
}

/** The smallest k each role may ask for. */
export const minK = (role: Role) => (role === 'admin' ? 2 : 5);

export function exportUrl(form: ExportForm, role: Role): string {
  const q = new URLSearchParams();
  q.set('format', form.format === 'excel' ? 'csv' : form.format);
  if (form.format === 'excel') q.set('flavour', 'excel');
  for (const key of ['campaign', 'partner', 'country', 'region', 'language', 'from', 'to'] as const) if (form[key].trim()) q.set(key, form[key].trim());
  if (form.state !== 'completed') q.set('state', form.state);
  if (form.k.trim() && form.k.trim() !== '5') q.set('k', form.k.trim());
  if (form.codes) q.set('codes', 'true');
  if (form.months) q.set('months', 'true');
  if (role === 'admin' && form.timestamps) q.set('timestamps', 'true');
  q.set('freeText', String(form.freeText));
  return `/api/surveys/${encodeURIComponent(form.survey)}/export?${q}`;
}

/** X-Export-Manifest */
export interface Manifest {
  survey: string; format: string; rows: number; k: number; kBefore: number; kAfter: number;
  suppressed: Record<string, number>; columns: number; dropped: string[]; droppedFreeText?: string[];
}
