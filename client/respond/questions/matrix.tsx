/**
 * Grids, laid out for a phone: one group per row (the row's text as its legend) holding the
 * columns, so nothing scrolls sideways at 360 px and a screen reader hears row and column.
 */
import type { CompiledQuestion, MatrixQuestion } from '../../runtime/compiled-types.js';
import type { MatrixDropdownQuestion } from '../../runtime/compiled-matrix-types.js';
import type { Ctx } from '../context.js';
import { domId } from '../boot.js';
import { same } from './choices.js';
import type { ControlProps } from './choices.js';

const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : {});

export function Matrix({ q, c, id, disabled }: ControlProps<MatrixQuestion>) {
  const value = record(c.rt.getValue(q.name));
  return (
    <div class="matrix">
      {q.rows.map((row, r) => {
        const rowId = `${id}-r${r}`;
        return (
          <fieldset class="row" key={String(row.value)} role="radiogroup" aria-labelledby={`${rowId}-t`}>
            <legend id={`${rowId}-t`}>{c.rt.text(row.textKey)}</legend>
            {q.columns.map((col, k) => (
              <label class="choice" key={String(col.value)}>
                <input type="radio" name={rowId} id={`${rowId}-${k}`} checked={same(value[String(row.value)], col.value)} disabled={disabled}
                  onChange={() => c.set(q.name, { ...value, [String(row.value)]: col.value })} />
                <span>{c.rt.text(col.textKey)}</span>
              </label>
            ))}
          </fieldset>
        );
      })}
    </div>
  );
}

export interface CellProps { c: Ctx; cell: CompiledQuestion; value: unknown; set(value: unknown): void; id: string; label: string; choices: () => { value: unknown; textKey: string; enabled: boolean }[]; disabled: boolean; described?: string }

/** One answer inside a grid row or a dynamic panel: the control of its question type, compact. */
export function Cell({ c, cell, value, set, id, label, choices, disabled, described }: CellProps) {
  const common = { id, disabled, 'aria-describedby': described };
  switch (cell.type) {
    case 'dropdown': {
      const list = choices();
      const at = list.findIndex((ch) => same(ch.value, value));
      return (
        <select {...common} onChange={(e) => { const i = Number((e.target as HTMLSelectElement).value); set(i >= 0 ? list[i].value : undefined); }}>
          <option value="-1" selected={at < 0}>{c.rt.text(cell.placeholderKey) || c.rt.text('$placeholder')}</option>
          {list.map((ch, i) => <option key={String(ch.value)} value={String(i)} selected={i === at} disabled={!ch.enabled}>{c.rt.text(ch.textKey)}</option>)}
        </select>
      );
    }
    case 'radiogroup':
    case 'checkbox': {
      const multi = cell.type === 'checkbox';
      const chosen = multi ? (Array.isArray(value) ? value : []) : value === undefined ? [] : [value];
      return (
        <div class="choices" role={multi ? 'group' : 'radiogroup'} aria-label={label} aria-describedby={described}>
          {choices().map((ch, i) => (
            <label class="choice" key={String(ch.value)}>
              <input type={multi ? 'checkbox' : 'radio'} name={id} id={`${id}-${i}`} checked={chosen.some((v) => same(v, ch.value))} disabled={disabled || !ch.enabled}
                onChange={(e) => {
                  if (!multi) return set(ch.value);
                  const on = (e.target as HTMLInputElement).checked;
                  const next = on ? [...chosen, ch.value] : chosen.filter((v) => !same(v, ch.value));
                  set(next.length > 0 ? next : undefined);
                }} />
              <span>{c.rt.text(ch.textKey)}</span>
            </label>
          ))}
        </div>
      );
    }
    case 'rating':
      return (
        <div class="rates" role="radiogroup" aria-label={label} aria-describedby={described}>
          {cell.rateValues.map((item, i) => (
            <label class="rate" key={String(item.value)}>
              <input type="radio" name={id} id={`${id}-${i}`} checked={same(value, item.value)} disabled={disabled} onChange={() => set(item.value)} />
              <span>{c.rt.text(item.textKey) || String(item.value)}</span>
            </label>
          ))}
        </div>
      );
    case 'boolean':
      return <input type="checkbox" {...common} checked={same(value, cell.valueTrue)} onChange={(e) => set((e.target as HTMLInputElement).checked ? cell.valueTrue : cell.valueFalse)} />;
    case 'expression':
      return <output id={id}>{value === undefined || value === null ? '' : String(value)}</output>;
    case 'comment':
      return <textarea {...common} rows={2} value={typeof value === 'string' ? value : ''} onInput={(e) => set((e.target as HTMLTextAreaElement).value || undefined)} />;
    default: {
      const number = cell.type === 'text' && cell.inputType === 'number';
      return (
        <input {...common} type={(cell.type === 'text' ? cell.inputType : 'text') as 'text'} value={value === undefined || value === null ? '' : String(value)}
          onInput={(e) => { const raw = (e.target as HTMLInputElement).value; set(raw === '' ? undefined : number && Number.isFinite(Number(raw)) ? Number(raw) : raw); }} />
      );
    }
  }
}

export function MatrixDropdown({ q, c, id, disabled }: ControlProps<MatrixDropdownQuestion>) {
  const value = record(c.rt.getValue(q.name));
  const shown = c.rt.matrixColumns(q.name);
  const columns = q.columns.filter((col) => shown.includes(col.name));
  function setCell(row: string, column: string, cellValue: unknown) {
    const rowValue = { ...record(value[row]) };
    if (cellValue === undefined) delete rowValue[column];
    else rowValue[column] = cellValue;
    const next = { ...value };
    if (Object.keys(rowValue).length === 0) delete next[row];
    else next[row] = rowValue;
    c.set(q.name, Object.keys(next).length > 0 ? next : undefined);
  }
  return (
    <div class="matrix">
      {q.rows.map((row, r) => {
        const rowKey = String(row.value);
        const rowId = `${id}-r${r}`;
        return (
          <fieldset class="row" key={rowKey}>
            <legend>{c.rt.text(row.textKey)}</legend>
            {columns.map((col) => {
              const state = c.rt.cell(q.name, rowKey, col.name);
              if (state && !state.visible) return null;
              const cellId = domId(rowId, col.name);
              const errors = c.errors.filter((e) => e.question === q.name && e.row === rowKey && e.column === col.name);
              const label = c.rt.text(col.titleKey) || col.name;
              return (
                <div class="cell" key={col.name}>
                  <label for={cellId}>{label}{state?.required && <span class="req" aria-hidden="true"> {c.structure.requiredMark}</span>}</label>
                  <Cell c={c} cell={col.cell} value={record(value[rowKey])[col.name]} set={(v) => setCell(rowKey, col.name, v)} id={cellId} label={label}
                    choices={() => c.rt.cellChoices(q.name, rowKey, col.name)} disabled={disabled || (state ? !state.enabled : false)}
                    described={errors.length > 0 ? `${cellId}-err` : undefined} />
                  {errors.length > 0 && <p class="error" id={`${cellId}-err`}>{errors.map((e) => e.text).join(' ')}</p>}
                </div>
              );
            })}
          </fieldset>
        );
      })}
    </div>
  );
}
