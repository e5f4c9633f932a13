/**
 * A dynamic panel: the template's questions once per panel (a household member, a course…),
 * each panel a group with its own title, and the survey's own Add and Remove buttons where it
 * allows them. Answers inside a panel go through the runtime's per-panel calls.
 */
import type { PanelDynamicQuestion } from '../../runtime/compiled-panel-types.js';
import { domId } from '../boot.js';
import type { ControlProps } from './choices.js';
import { Cell } from './matrix.js';

export function PanelDynamic({ q, c, id, disabled }: ControlProps<PanelDynamicQuestion>) {
  const count = c.rt.panelCount(q.name);
  const value = c.rt.getValue(q.name);
  const panels = Array.isArray(value) ? value as Record<string, unknown>[] : [];
  const change = (done: boolean) => { if (done) c.changed(q.name); };
  function focusPanel(index: number) {
    requestAnimationFrame(() => document.getElementById(`${id}-p${index}`)?.focus());
  }
  return (
    <div class="panels">
      {count === 0 && <p class="desc">{c.rt.text(q.noEntriesTextKey)}</p>}
      {Array.from({ length: count }, (_, i) => {
        const title = c.rt.panelText(q.name, i, q.templateTitleKey) || `${i + 1}`;
        return (
          <fieldset class="row" key={i}>
            <legend id={`${id}-p${i}`} tabIndex={-1}>{title}</legend>
            {q.templateElements.map((inner) => {
              if (inner.type === 'html') return <div class="html" key={inner.name} dangerouslySetInnerHTML={{ __html: c.rt.panelText(q.name, i, inner.htmlKey) }} />;
              const state = c.rt.panelQuestion(q.name, i, inner.name);
              if (!state?.visible) return null;
              const cellId = domId(`${id}-p${i}`, inner.name);
              const errors = c.errors.filter((e) => e.question === q.name && e.panel === i && e.inner === inner.name);
              const label = c.rt.panelText(q.name, i, inner.titleKey) || inner.name;
              return (
                <div class={errors.length > 0 ? 'cell invalid' : 'cell'} key={inner.name}>
                  <label for={cellId}>{label}{state.required && <span class="req" aria-hidden="true"> {c.structure.requiredMark}</span>}</label>
                  <Cell c={c} cell={inner} value={panels[i]?.[inner.name]} id={cellId} label={label} disabled={disabled || !state.enabled}
                    set={(v) => { c.rt.setPanelValue(q.name, i, inner.name, v); c.changed(q.name); }}
                    choices={() => c.rt.panelChoices(q.name, i, inner.name)} described={errors.length > 0 ? `${cellId}-err` : undefined} />
                  {errors.length > 0 && <p class="error" id={`${cellId}-err`}>{errors.map((e) => e.text).join(' ')}</p>}
                </div>
              );
            })}
            {q.allowRemovePanel && count > q.minPanelCount && (
              <button type="button" class="secondary" disabled={disabled}
                onClick={() => { change(c.rt.removePanel(q.name, i)); focusPanel(Math.max(0, i - 1)); }}>
                {`${c.rt.text(q.removePanelTextKey)}`}<span class="sr">{` ${title}`}</span>
              </button>
            )}
          </fieldset>
        );
      })}
      {q.allowAddPanel && count < q.maxPanelCount && (
        <button type="button" class="secondary" disabled={disabled} onClick={() => { change(c.rt.addPanel(q.name)); focusPanel(count); }}>{c.rt.text(q.addPanelTextKey)}</button>
      )}
    </div>
  );
}
