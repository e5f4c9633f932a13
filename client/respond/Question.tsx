/**
 * One question: its number, title, required mark, description, control and errors. Choice
 * groups are fieldsets with a legend; single inputs have a label. Errors are tied to the control
 * (aria-describedby, aria-invalid) so a screen reader reads them with it.
 */
import type { ComponentType } from 'preact';
import type { CompiledQuestion } from '../runtime/compiled-types.js';
import { domId, t } from './boot.js';
import type { Ctx } from './context.js';
import { Choices, Dropdown, Rating, YesNo } from './questions/choices.js';
import type { ControlProps } from './questions/choices.js';
import { Comment, Expression, Image, TextInput } from './questions/inputs.js';
import { Matrix, MatrixDropdown } from './questions/matrix.js';
import { Ranking } from './questions/ranking.js';
import { PanelDynamic } from './questions/panels.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const CONTROLS: Record<string, ComponentType<ControlProps<any>>> = {
  text: TextInput, comment: Comment, radiogroup: Choices, checkbox: Choices, dropdown: Dropdown, boolean: YesNo, rating: Rating,
  matrix: Matrix, matrixdropdown: MatrixDropdown, paneldynamic: PanelDynamic, ranking: Ranking, expression: Expression, image: Image,
};
const GROUPS = new Set(['radiogroup', 'checkbox', 'boolean', 'rating', 'matrix', 'matrixdropdown', 'paneldynamic', 'ranking']);

export function Question({ q, c }: { q: CompiledQuestion; c: Ctx }) {
  if (!c.rt.isVisible(q.name)) return null;
  if (q.type === 'html') return <div class="html" data-name={q.name} dangerouslySetInnerHTML={{ __html: c.rt.text(q.htmlKey) }} />;
  const id = domId('q', q.name);
  const errors = c.errors.filter((e) => e.question === q.name && e.row === undefined && e.panel === undefined);
  const description = c.rt.text(q.descriptionKey);
  const described = [description && `${id}-desc`, errors.length > 0 && `${id}-err`].filter(Boolean).join(' ');
  const required = c.rt.isRequired(q.name);
  const number = c.rt.questionNumber(q.name);
  const Control = CONTROLS[q.type];
  const heading = (
    <>
      {number && <span class="num">{number} </span>}
      <span class="title">{c.rt.title(q.name)}</span>
      {required && <><span class="req" aria-hidden="true"> {c.structure.requiredMark}</span><span class="sr"> {t(c.strings, 'required')}</span></>}
    </>
  );
  const body = (
    <>
      {description && <p class="desc" id={`${id}-desc`}>{description}</p>}
      {errors.length > 0 && <div class="error" id={`${id}-err`}>{errors.map((e, i) => <p key={i}>{e.text}</p>)}</div>}
      <Control q={q} c={c} id={id} described={described} disabled={!c.rt.isEnabled(q.name)} />
    </>
  );
  const invalid = errors.length > 0 ? 'q invalid' : 'q';
  if (q.type === 'image' || q.type === 'expression') {
    return <div class={invalid} data-name={q.name}><p class="label" id={`${id}-label`}>{heading}</p>{body}</div>;
  }
  return GROUPS.has(q.type)
    ? <fieldset class={invalid} data-name={q.name} aria-invalid={errors.length > 0 || undefined}><legend class="label">{heading}</legend>{body}</fieldset>
    : <div class={invalid} data-name={q.name}><label class="label" for={id}>{heading}</label>{body}</div>;
}
