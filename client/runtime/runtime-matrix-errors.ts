/** The errors of a matrixdropdown's cells, row by row, in column order, as survey-core reports them on each cell. */
import type { CompiledQuestion } from './compiled-types.js';
import type { ErrorKind, RuntimeError } from './runtime-errors.js';
import { RowScope } from './runtime-matrix.js';
import type { MatrixNode } from './runtime-matrix.js';
import type { RuntimeState } from './runtime-state.js';
import { builtIn, format } from './runtime-text.js';
import type { Lookup } from './runtime-text.js';
import { textChecks, validate } from './runtime-validators.js';
import { isAnswerEmpty } from './values.js';

export function cellErrors(state: RuntimeState, node: MatrixNode, lookup: Lookup): RuntimeError[] {
  const errors: RuntimeError[] = [];
  const readOnly = state.readOnly(node);
  node.def.rows.forEach((row, i) => {
    const scope = new RowScope(state, node.def, i);
    for (const column of node.def.columns) {
      const cell = scope.cell(column, readOnly);
      if (!cell.visible || !cell.enabled) continue;
      errors.push(...innerErrors(scope, column.cell, cell.required, scope.values[column.name], lookup,
        (kind, text) => ({ question: node.def.name, row: String(row.value), column: column.name, kind, text })));
    }
  });
  return errors;
}

/** The errors of a question evaluated in a scope of its own (a matrix cell, a question of a dynamic panel), as survey-core reports them on it. */
export function innerErrors(scope: Pick<RuntimeState, 'condition'>, def: CompiledQuestion, required: boolean, value: unknown, lookup: Lookup,
  make: (kind: ErrorKind, text: string) => RuntimeError): RuntimeError[] {
  const own: RuntimeError[] = [];
  const add = (kind: ErrorKind, text: string) => own.push(make(kind, text));
  if (def.type !== 'expression' && required && isAnswerEmpty(value)) {
    add('required', def.requiredErrorKey ? lookup(def.requiredErrorKey) : builtIn(lookup, 'requiredError'));
  }
  const count = Array.isArray(value) ? value.length : 0;
  if (def.type === 'checkbox' && def.minSelectedChoices >= 1) {
    // a single exclusive answer ("none") satisfies the minimum, as in questionErrors
    const only = count === 1 ? (value as unknown[])[0] : undefined;
    const onlyNone = count === 1 && ((def.hasNone && only === 'none') || def.choices.some((c) => c.exclusive && c.value === only));
    if (!onlyNone && count < def.minSelectedChoices) add('minSelected', format(builtIn(lookup, 'minSelectError'), def.minSelectedChoices));
  }
  if (def.type === 'text') textChecks(def, value, lookup, add);
  if (own.length === 0) for (const validator of def.validators) validate(scope, validator, value, lookup, add);
  if (def.type === 'checkbox' && def.maxSelectedChoices >= 1 && count > def.maxSelectedChoices) {
    own.push({ ...make('maxSelected', format(builtIn(lookup, 'maxSelectError'), def.maxSelectedChoices)), strict: true });
  }
  if ((def.type === 'text' || def.type === 'comment') && def.maxLength !== undefined && typeof value === 'string' && value.length > def.maxLength) {
    own.push({ ...make('tooLong', format(builtIn(lookup, 'textMaxLength'), def.maxLength)), strict: true });
  }
  return own;
}
