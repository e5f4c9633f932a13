/** A page's elements: questions, and panels as groups with their own title and errors. */
import type { CompiledElement } from '../runtime/compiled-types.js';
import type { Ctx } from './context.js';
import { Question } from './Question.js';

export function Elements({ elements, c }: { elements: CompiledElement[]; c: Ctx }) {
  return <>{elements.map((el) => (el.type === 'panel' ? <Panel key={el.name} panel={el} c={c} /> : <Question key={el.name} q={el} c={c} />))}</>;
}

function Panel({ panel, c }: { panel: Extract<CompiledElement, { type: 'panel' }>; c: Ctx }) {
  if (!c.rt.isVisible(panel.name)) return null;
  const title = c.rt.text(panel.titleKey);
  const description = c.rt.text(panel.descriptionKey);
  const errors = c.errors.filter((e) => e.question === panel.name);
  return (
    <section class="panel" data-panel={panel.name} aria-label={title || undefined}>
      {title && <h3>{title}</h3>}
      {description && <p class="desc">{description}</p>}
      {errors.length > 0 && <div class="error">{errors.map((e, i) => <p key={i}>{e.text}</p>)}</div>}
      <Elements elements={panel.elements} c={c} />
    </section>
  );
}
