/**
 * A SurveyJS survey definition as stored and served: plain JSON. Kept loose on purpose, since
 * survey-core's own typings describe model instances, not the JSON they are loaded from.
 */
export type SurveyDefinition = Record<string, unknown>;

/** One problem in a definition; `pointer` is an RFC 6901 JSON pointer into it ('' = the whole). */
export interface Fault {
  pointer: string;
  message: string;
}

export type ValidationResult =
  | { ok: true; definition: SurveyDefinition; title: string }
  | { ok: false; faults: Fault[] };

/**
 * One localizable text. `key` is built from names and choice values, not array positions, so a
 * translation still finds its string after elements are moved or inserted in a later version.
 */
export interface LocalizedString {
  key: string;
  pointer: string;
  /** locale → text; 'default' holds the source language. */
  texts: Record<string, string>;
}

export interface LocaleCoverage {
  locale: string;
  translated: number;
  total: number;
  /** keys of strings that have a default text but none in this locale */
  missing: string[];
}

export interface LocaleReport {
  defaultLocale: 'default';
  total: number;
  locales: LocaleCoverage[];
}

export interface CsvFault {
  /** 1-based record number in the file, the header being row 1 (what a spreadsheet shows) */
  row?: number;
  column?: string;
  pointer?: string;
  message: string;
}

export type MergeResult =
  | {
      ok: true;
      definition: SurveyDefinition;
      updated: number;
      addedLocales: string[];
      /** keys whose default text differs in the file; ignored, since the definition owns it */
      defaultChanged: string[];
    }
  | { ok: false; faults: CsvFault[] };
