/**
 * A radiogroup or dropdown with "other" whose choices are shown on conditions (a choice's
 * visibleIf, choicesVisibleIf): survey-core takes an answer whose choice is hidden when the answer
 * arrives as "other" (updateValueFromSurvey), so its expressions read `{q}` as 'other'. When the
 * answers are loaded at once it goes on reading 'other' after the new answers show that choice
 * (the question itself reads the answer again, the expressions that name it are not rerun until
 * it changes), and which expressions catch up depends on which values each one names: state that
 * survey-core's scheduling leaves behind, not a rule the runtime can follow. So the reads that
 * can tell 'other' from such a choice are refused; the others agree (found by experiment):
 * `empty`, `notempty`, and `=`, `<>`, `anyof`, `allof`, `noneof` against constants that are
 * neither 'other' nor a choice with a condition. Piping `{q}` into a text shows the question's
 * own answer, which agrees.
 */
import type { CompiledElement, StructurePayload } from '../../../../client/runtime/compiled-types.js';
import type { Expr } from '../../../../client/runtime/expression-types.js';
import { valuesEqual } from '../../../../client/runtime/values.js';
import type { Fault } from '../definition/types.js';
import type { SubsetCheck } from './check-subset.js';

/** A question whose answer survey-core may read as 'other', and the values it may read so. */
interface OtherAlias {
  name: string;
  /** 'other' and the values of the choices with a condition */
  ambiguous: unknown[];
  /** a choice without a condition, to name in the message */
  plain?: unknown;
}

const COMPARISONS = new Set(['equal', 'notequal', 'anyof', 'allof', 'noneof']);

export function checkOtherReads(structure: StructurePayload, expressions: SubsetCheck['expressions']): Fault[] {
  const aliases = new Map<string, OtherAlias>();
  const visit = (elements: CompiledElement[]) => {
    for (const element of elements) {
      if (element.type === 'panel') visit(element.elements);
      if ((element.type !== 'radiogroup' && element.type !== 'dropdown') || !element.hasOther) continue;
      const conditional = element.choices.filter((c) => element.choicesVisibleIf || c.visibleIf);
      if (conditional.length === 0) continue;
      const plain = element.choices.find((c) => !conditional.includes(c))?.value;
      aliases.set(element.name.toLowerCase(), { name: element.name, ambiguous: ['other', ...conditional.map((c) => c.value)], plain });
    }
  };
  structure.pages.forEach((page) => visit(page.elements));
  if (aliases.size === 0) return [];
  const faults: Fault[] = [];
  for (const [pointer, { expr }] of expressions) {
    const alias = ambiguousRead(expr, aliases);
    if (alias) faults.push({ pointer, message: message(alias) });
  }
  return faults;
}

/** The first question of `aliases` that `expr` reads in a way that tells 'other' from a conditional choice. */
function ambiguousRead(expr: Expr, aliases: ReadonlyMap<string, OtherAlias>): OtherAlias | undefined {
  const alias = (e: Expr): OtherAlias | undefined => (e.k === 'v' ? aliases.get(e.n.replace(/^#/, '').toLowerCase()) : undefined);
  const visit = (e: Expr): OtherAlias | undefined => {
    const read = alias(e);
    if (read) return read;
    switch (e.k) {
      case 'c': case 'v': return undefined;
      case 'a': return firstOf(e.items, visit);
      case 'u': return (e.op === 'empty' || e.op === 'notempty') && alias(e.e) ? undefined : visit(e.e);
      case 'b': {
        const left = alias(e.l);
        if (left && COMPARISONS.has(e.op) && unambiguous(e.r, left)) return undefined;
        const right = alias(e.r);
        if (right && (e.op === 'equal' || e.op === 'notequal') && unambiguous(e.l, right)) return undefined;
        return visit(e.l) ?? visit(e.r);
      }
      // an *InArray filter (e.c) reads the array's items, not the survey's questions
      case 'f': return firstOf(e.args, visit);
    }
  };
  return visit(expr);
}

/** A constant, or an array of constants, none of which equals 'other' or a conditional choice (as survey-core's = compares). */
function unambiguous(e: Expr, alias: OtherAlias): boolean {
  const constants = e.k === 'c' ? [e.v] : e.k === 'a' && e.items.every((item) => item.k === 'c') ? e.items.map((item) => (item as { v: unknown }).v) : undefined;
  return !!constants && constants.every((v) => !alias.ambiguous.some((a) => valuesEqual(a, v)));
}

function message({ name, plain }: OtherAlias): string {
  const example = plain === undefined ? '' : ` (such as {${name}} = ${JSON.stringify(plain).replace(/^"(.*)"$/, "'$1'")})`;
  return `{${name}} has "other" and choices shown on conditions: survey-core reads an answer as 'other' when its choice is hidden `
    + `as the answer arrives (and, loading saved answers, even once they show it), phones read the answer itself. Compare {${name}} only with `
    + `choices without a condition${example}, or use {${name}} empty / notempty; or disable the choices (enableIf, choicesEnableIf) `
    + `instead of hiding them; or, to ask for "other", replace showOtherItem with a choice 'other' and a text question shown when it is chosen`;
}

function firstOf<T>(items: readonly T[], visit: (item: T) => OtherAlias | undefined): OtherAlias | undefined {
  for (const item of items) {
    const found = visit(item);
    if (found) return found;
  }
  return undefined;
}
