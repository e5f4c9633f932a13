/**
 * What the structure builders share: the expressions compiled during the subset check (found by
 * the pointer of their property) and the list of texts, each with a reader that asks survey-core
 * for the text in whatever locale the model is currently set to.
 */
import type { Expr } from '../../../../client/runtime/expression-types.js';
import type { Fault } from '../definition/types.js';
import type { SubsetCheck } from './check-subset.js';
import { markStrict } from './expressions.js';

export interface TextSource {
  key: string;
  /** where the text is written in the definition, for faults about it */
  pointer: string;
  read: () => string;
  /** false for templates such as error texts, whose `{0}` is a format argument, not a piped name */
  pipe: boolean;
  /** the question whose answer this text shows when piped (a choice text, a boolean label) */
  answerOf?: string;
  /** names (lower case) the text may pipe besides the survey's questions and calculated values: a paneldynamic's `panel.<name>`, `panelindex` */
  scope?: readonly string[];
}

export class BuildContext {
  readonly texts: TextSource[] = [];
  readonly faults: Fault[] = [];
  private readonly keys = new Set<string>();
  /** set while building a paneldynamic's template: see TextSource.scope */
  scope: readonly string[] | undefined;

  /** `strictNames`: questions (lower case) whose arrays compare in order, i.e. rankings */
  constructor(private readonly expressions: SubsetCheck['expressions'], private readonly strictNames: ReadonlySet<string> = new Set()) {}

  expr(pointer: string): Expr | undefined {
    const found = this.expressions.get(pointer)?.expr;
    return found && markStrict(found, this.strictNames);
  }

  variables(pointer: string): string[] {
    return this.expressions.get(pointer)?.variables ?? [];
  }

  text(key: string, pointer: string, read: () => string, pipe = true): string {
    if (this.keys.has(key)) {
      this.faults.push({ pointer, message: `Two texts would share the key '${key}'; rename the element` });
    } else {
      this.keys.add(key);
      this.texts.push({ key, pointer, read: () => read() ?? '', pipe, ...(this.scope ? { scope: this.scope } : {}) });
    }
    return key;
  }

  /**
   * A text that shows the answer of question `owner` wherever that answer is piped, so piping in
   * it must not lead back to the owner (see checkAnswerCycles).
   */
  answerText(owner: string, key: string, pointer: string, read: () => string): string {
    const before = this.texts.length;
    this.text(key, pointer, read);
    if (this.texts.length > before) this.texts[before].answerOf = owner;
    return key;
  }

  /** An error message or other template: never piped. */
  template(key: string, pointer: string, read: () => string): string {
    return this.text(key, pointer, read, false);
  }

  /** A text key only when the definition sets the property (else survey-core's default applies elsewhere). */
  optionalText(json: Record<string, unknown>, property: string, key: string, pointer: string, read: () => string): string | undefined {
    return json[property] === undefined ? undefined : this.text(key, `${pointer}/${property}`, read);
  }
}

/** survey-core reads booleans from JSON as JavaScript truthiness; these are the values a definition holds. */
export function flag(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (value === 'false') return false;
  return !!value;
}
