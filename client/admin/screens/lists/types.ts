/** The lists API's shapes as the screens use them (server/modules/lists/schemas.ts). */

export const CONTACT_STATUSES = ['active', 'opted_out', 'bounced', 'erased'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

export interface Paged<T> { items: T[]; total: number; page: number; pageSize: number }

export interface ContactList {
  id: string; partnerId: string; name: string; description: string | null;
  total: number; counts: Partial<Record<ContactStatus, number>>; createdAt: string; updatedAt: string;
}

export interface Contact {
  id: string; listId: string; partnerId: string; email: string | null; name: string | null; language: string | null;
  attributes: Record<string, string>; status: ContactStatus; createdAt: string; updatedAt: string;
}

export interface Partner { id: string; name: string }

export type ImportStatus = 'reading' | 'ready' | 'failed' | 'committing' | 'committed' | 'discarded';
export interface ImportCounts { rows: number; add: number; update: number; unchanged: number; skip: number; problems: Record<string, number> }
export interface MappingRequest { email: string; name?: string | string[]; language?: string; attributes?: string[] }
/** The column mapping the server used: column indexes into `header`. */
export interface ColumnMapping { email: number; name: number[]; language: number | null }

export interface ImportJob {
  id: string; listId: string; status: ImportStatus; fileName: string | null; format: string | null; encoding: string | null;
  delimiter: string | null; header: string[] | null; mapping: ColumnMapping | null;
  request: { encoding?: string; delimiter?: string; mapping?: MappingRequest };
  bytesTotal: number; bytesRead: number; rowsRead: number; progress: number; counts: ImportCounts | null;
  error: { code: string; message: string; faults?: string[] } | null;
  createdAt: string; updatedAt: string; committedAt: string | null;
}

export interface ImportRow {
  rowNumber: number; email: string | null; name: string | null; language: string | null; languageInput: string | null;
  attributes: Record<string, string>; problems: string[]; action: 'add' | 'update' | 'unchanged' | 'skip' | null;
}

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1250', 'windows-1252', 'windows-1257'] as const;
export const DELIMITERS = [',', ';', '\t'] as const;
