/**
 * Texts of generated surveys: a plain string or a default + second-locale pair, sometimes piping
 * an answer or a calculated value (`{q3}`), as survey authors write them.
 */
import fc from 'fast-check';
import type { Target } from './generate-expressions.js';

export interface TextSpec {
  n: number;
  /** whether the text has a translation into the survey's second locale */
  localized: boolean;
  /** a target to pipe, by index among the pipeable ones */
  pipe: number | null;
}

/** Second locales: one with survey-core's built-in strings in Swedish, one in German. */
export const SECOND_LOCALES = ['sv', 'de'] as const;
export type SecondLocale = (typeof SECOND_LOCALES)[number];

const TRANSLATED: Record<string, Record<SecondLocale, string>> = {
  Question: { sv: 'Fråga', de: 'Frage' },
  About: { sv: 'Om', de: 'Über' },
  Choice: { sv: 'Val', de: 'Wahl' },
  Page: { sv: 'Sida', de: 'Seite' },
  Section: { sv: 'Avsnitt', de: 'Abschnitt' },
  Thanks: { sv: 'Tack', de: 'Danke' },
  Survey: { sv: 'Enkät', de: 'Umfrage' },
  Fix: { sv: 'Rätta', de: 'Korrigieren' },
  Yes: { sv: 'Ja', de: 'Ja' },
  No: { sv: 'Nej', de: 'Nein' },
};

export function textArbitrary(): fc.Arbitrary<TextSpec> {
  return fc.record({
    n: fc.nat(9),
    localized: fc.boolean(),
    pipe: fc.oneof({ withCrossShrink: true }, { weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat(40) }),
  });
}

export class TextWriter {
  private readonly pipeable: string[];

  constructor(private readonly locale: SecondLocale, targets: readonly Target[]) {
    this.pipeable = targets.filter((t) => t.pipeable).map((t) => t.name);
  }

  /**
   * `word` must be a key of TRANSLATED; piping is dropped when nothing can be piped.
   * KNOWN DIVERGENCE: texts that make up a shown answer (choice, rating and matrix texts, boolean
   * labels) pipe nothing here. The compiler stores choice and rating texts already piped against
   * no answers ('Choice {q2}' becomes 'Choice '); our runtime does not pipe a boolean label piped
   * into another text; and survey-core overflows its stack when such a text pipes its own question.
   */
  text(spec: TextSpec, word: string, partOfAnswer = false): string | Record<string, string> {
    const pipe = spec.pipe === null || partOfAnswer || this.pipeable.length === 0 ? '' : ` {${this.pipeable[spec.pipe % this.pipeable.length]}}`;
    const english = `${word} ${spec.n}${pipe}`;
    if (!spec.localized) return english;
    return { default: english, [this.locale]: `${TRANSLATED[word][this.locale]} ${spec.n}${pipe}` };
  }
}
