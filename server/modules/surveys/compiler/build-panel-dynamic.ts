/**
 * A paneldynamic: its panel counts, its per-panel texts and its template's questions, each
 * compiled from survey-core's template question as the question it is, with text keys under
 * `<paneldynamic>.<question>` (names inside a template may repeat names outside it).
 */
import type { Question, QuestionPanelDynamicModel } from 'survey-core';
import type { PanelDynamicQuestion } from '../../../../client/runtime/compiled-panel-types.js';
import type { QuestionBase } from '../../../../client/runtime/compiled-types.js';
import { childPointer, isRecord } from '../definition/json-pointer.js';
import type { BuildContext } from './build-context.js';
import { list } from './build-questions.js';
import { buildQuestion } from './build-structure.js';

type Json = Record<string, unknown>;

export function buildPanelDynamic(question: Question, base: QuestionBase, json: Json, pointer: string, context: BuildContext, name: string): PanelDynamicQuestion {
  const q = question as QuestionPanelDynamicModel;
  const inner = q.template.questions;
  const elementsJson = list(json.templateElements);
  const loc = (property: string) => () => (q as unknown as { getLocalizableString(name: string): { text: string } }).getLocalizableString(property).text;
  const before = context.scope;
  context.scope = ['panelindex', ...inner.map((e) => `panel.${e.name.toLowerCase()}`)];
  try {
    const templateElements = inner.map((element, i) => buildQuestion(element, isRecord(elementsJson[i]) ? elementsJson[i] : {},
      childPointer(childPointer(pointer, 'templateElements'), i), context, `${name}.`));
    const min = Math.max(0, Number(q.minPanelCount) || 0);
    const max = Math.max(min, Number(q.maxPanelCount) || 0);
    return {
      ...base,
      type: 'paneldynamic',
      templateElements,
      panelCount: Math.min(max, Math.max(min, Number(q.panelCount) || 0)),
      minPanelCount: min,
      maxPanelCount: max,
      allowAddPanel: q.allowAddPanel,
      allowRemovePanel: q.allowRemovePanel,
      templateTitleKey: context.optionalText(json, 'templateTitle', `${name}.templateTitle`, pointer, loc('templateTitle')),
      templateTabTitleKey: context.optionalText(json, 'templateTabTitle', `${name}.templateTabTitle`, pointer, loc('templateTabTitle')),
      templateDescriptionKey: context.optionalText(json, 'templateDescription', `${name}.templateDescription`, pointer, loc('templateDescription')),
      addPanelTextKey: context.text(`${name}.addPanelText`, childPointer(pointer, 'addPanelText'), () => q.addPanelText),
      removePanelTextKey: context.text(`${name}.removePanelText`, childPointer(pointer, 'removePanelText'), () => q.removePanelText),
      noEntriesTextKey: context.text(`${name}.noEntriesText`, childPointer(pointer, 'noEntriesText'), () => q.noEntriesText),
    };
  } finally {
    context.scope = before;
  }
}
