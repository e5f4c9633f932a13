/**
 * What a matrixdropdown may hold beyond its allowlists: rows and cell choices without conditions
 * (the runtime shows every row and every choice of a cell), and cell expressions that read their
 * own row only.
 */
import { childPointer, isRecord } from '../definition/json-pointer.js';

type Fault = (pointer: string, message: string) => void;

/** Row variables survey-core offers in cell expressions that the runtime does not. */
const UNSUPPORTED_ROW_VARIABLES = /\{\s*(prevrow|nextrow|totalrow|rowtitle|matrix|self|choice)\b/i;

function conditionalItems(items: unknown, pointer: string, what: string, fault: Fault): void {
  if (!Array.isArray(items)) return;
  items.forEach((item, i) => {
    if (!isRecord(item)) return;
    for (const property of ['visibleIf', 'enableIf']) {
      if (item[property] !== undefined) fault(childPointer(childPointer(pointer, i), property), `'${property}' on ${what} of a matrixdropdown is not supported on phones yet`);
    }
  });
}

/** Expression columns that read themselves through other expression columns would never settle. */
function checkExpressionCycles(columns: unknown[], pointer: string, fault: Fault): void {
  const uses = new Map<string, { index: number; reads: string[] }>();
  columns.forEach((column, index) => {
    if (!isRecord(column) || column.cellType !== 'expression' || typeof column.name !== 'string' || typeof column.expression !== 'string') return;
    const reads = [...column.expression.matchAll(/\{\s*row\.([^}\s]+)\s*\}/gi)].map((m) => m[1].toLowerCase());
    uses.set(column.name.toLowerCase(), { index, reads });
  });
  for (const [name, { index }] of uses) {
    const seen = new Set<string>();
    const stack = [...(uses.get(name)?.reads ?? [])];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (next === name) {
        fault(childPointer(childPointer(childPointer(pointer, 'columns'), index), 'expression'), 'The expression column depends on itself through {row.…}');
        break;
      }
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(uses.get(next)?.reads ?? []));
    }
  }
}

export function checkMatrixDropdown(json: Record<string, unknown>, pointer: string, fault: Fault): void {
  conditionalItems(json.rows, childPointer(pointer, 'rows'), 'rows', fault);
  conditionalItems(json.choices, childPointer(pointer, 'choices'), 'cell choices', fault);
  const columns = Array.isArray(json.columns) ? json.columns : [];
  checkExpressionCycles(columns, pointer, fault);
  columns.forEach((column, i) => {
    if (!isRecord(column)) return;
    const at = childPointer(childPointer(pointer, 'columns'), i);
    conditionalItems(column.choices, childPointer(at, 'choices'), 'cell choices', fault);
    for (const property of ['visibleIf', 'enableIf', 'requiredIf', 'expression']) {
      const text = column[property];
      if (typeof text === 'string' && UNSUPPORTED_ROW_VARIABLES.test(text)) {
        fault(childPointer(at, property), 'A cell expression may read {row.…}, {rowIndex}, {rowName} and the survey\'s answers, not other rows or the matrix itself');
      }
    }
  });
}
