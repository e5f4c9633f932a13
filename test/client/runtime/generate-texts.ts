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
  /** what an answer's own text may pipe: nothing whose answer is shown by texts of its own */
  private readonly plain: string[];

  constructor(private readonly locale: SecondLocale, targets: readonly Target[]) {
    this.pipeable = targets.filter((t) => t.pipeable).map((t) => t.name);
    this.plain = targets.filter((t) => t.pipeable && (t.kind === 'text' || t.kind === 'date' || t.kind === 'computed')).map((t) => t.name);
  }

  /**
   * `word` must be a key of TRANSLATED; piping is dropped when nothing can be piped.
   * `partOfAnswer`: a text that shows an answer when it is piped (choice, rating and matrix texts,
   * boolean labels). Such a text pipes only texts, dates and computed values: piping that leads
   * back to its own question overflows survey-core's stack, and the compiler refuses it.
   */
  text(spec: TextSpec, word: string, partOfAnswer = false): string | Record<string, string> {
    const names = partOfAnswer ? this.plain : this.pipeable;
    const pipe = spec.pipe === null || names.length === 0 ? '' : ` {${names[spec.pipe % names.length]}}`;
    const english = `${word} ${spec.n}${pipe}`;
    if (!spec.localized) return english;
    return { default: english, [this.locale]: `${TRANSLATED[word][this.locale]} ${spec.n}${pipe}` };
  }
}
