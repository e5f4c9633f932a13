/**
 * The STRUCTURE payload, read from a loaded survey-core Model (so every default is survey-core's)
 * beside the JSON it was loaded from (so we know what the author wrote, and where). The two are
 * walked in step: survey-core keeps pages, elements, choices and validators in JSON order.
 */
import type { PanelModelBase, Question, QuestionBooleanModel, SurveyModel } from 'survey-core';
import type {
  CompiledCalculatedValue, CompiledElement, CompiledPage, CompiledQuestion, QuestionBase, StructurePayload,
} from '../../../../client/runtime/compiled-types.js';
import { FORMAT_VERSION } from '../../../../client/runtime/compiled-types.js';
import { childPointer, isRecord } from '../definition/json-pointer.js';
import { BuildContext, flag } from './build-context.js';
import { buildQuestionDetails } from './build-questions.js';

type Json = Record<string, unknown>;

/** survey-core's settings.commentSuffix, which we do not let surveys change */
const COMMENT_SUFFIX = '-Comment';

export function buildStructure(model: SurveyModel, json: Json, context: BuildContext): Omit<StructurePayload, 'hash'> {
  const numbers = String(model.showQuestionNumbers).toLowerCase();
  return {
    formatVersion: FORMAT_VERSION,
    titleKey: context.optionalText(json, 'title', 'survey.title', '', () => model.locTitle.text),
    descriptionKey: context.optionalText(json, 'description', 'survey.description', '', () => model.locDescription.text),
    completedHtmlKey: context.text('survey.completedHtml', '/completedHtml', () => model.locCompletedHtml.text),
    questionNumbers: numbers === 'on' || numbers === 'true' ? 'on' : numbers === 'onpage' ? 'onPage' : 'off',
    questionStartIndex: '',
    requiredMark: model.requiredMark,
    progressBar: model.showProgressBar ? String(model.progressBarLocation) : 'off',
    clearInvisibleValues: model.clearInvisibleValues !== 'none',
    commentSuffix: COMMENT_SUFFIX,
    pages: model.pages.map((page, i) => buildContainer(page, items(json.pages)[i], childPointer('/pages', i), context, 'page:') as CompiledPage),
    calculatedValues: buildCalculatedValues(model, context),
    ...privacy(model, json, context),
  };
}

/** The survey's privacy notice (our own survey properties, see survey-core-setup.ts), shown before the first question. */
function privacy(model: SurveyModel, json: Json, context: BuildContext): Pick<StructurePayload, 'consentRequired'> {
  const notice = (model as unknown as { locPrivacyNotice: { text: string } }).locPrivacyNotice;
  // the key is fixed: the answering pages and the intake find the notice by it (server/modules/responses/notice.ts)
  context.optionalText(json, 'privacyNotice', 'survey.privacyNotice', '', () => notice.text);
  return flag(json.consentRequired, false) ? { consentRequired: true } : {};
}

function items(value: unknown): Json[] {
  return Array.isArray(value) ? value.map((item) => (isRecord(item) ? item : {})) : [];
}

/** The visibility, enabled and required settings of an element (or a matrix column), as written. */
export function elementConditions(json: Json, pointer: string, context: BuildContext) {
  return {
    visible: flag(json.visible, true),
    visibleIf: context.expr(`${pointer}/visibleIf`),
    readOnly: flag(json.readOnly, false),
    enableIf: context.expr(`${pointer}/enableIf`),
    isRequired: flag(json.isRequired, false),
    requiredIf: context.expr(`${pointer}/requiredIf`),
  };
}

function containerBase(element: PanelModelBase | Question, json: Json, pointer: string, context: BuildContext, keyPrefix: string) {
  const name = element.name;
  return {
    name,
    // a question always has a title key (its own reader, in buildElement): survey-core shows its name without one
    titleKey: element.isPanel || element.isPage
      ? context.optionalText(json, 'title', `${keyPrefix}${name}.title`, pointer, () => element.locTitle.text) : undefined,
    descriptionKey: context.optionalText(json, 'description', `${keyPrefix}${name}.description`, pointer, () => element.locDescription.text),
    ...elementConditions(json, pointer, context),
    requiredErrorKey: json.requiredErrorText === undefined ? undefined
      : context.template(`${keyPrefix}${name}.requiredError`, childPointer(pointer, 'requiredErrorText'), () => (element as { requiredErrorText: string }).requiredErrorText),
  };
}

function buildContainer(container: PanelModelBase, json: Json, pointer: string, context: BuildContext, keyPrefix: string): CompiledPage | CompiledElement {
  const elementsJson = items(json.elements);
  const elements = container.elements.map((element, i) =>
    buildElement(element as unknown as PanelModelBase | Question, elementsJson[i], childPointer(childPointer(pointer, 'elements'), i), context));
  const base = { ...containerBase(container, json, pointer, context, keyPrefix), elements };
  return container.isPanel ? { type: 'panel', ...base } : base;
}

function buildElement(element: PanelModelBase | Question, json: Json, pointer: string, context: BuildContext): CompiledElement {
  if (element.isPanel) return buildContainer(element as PanelModelBase, json, pointer, context, '') as CompiledElement;
  return buildQuestion(element as Question, json, pointer, context);
}

/** `keyPrefix`: before the question's name in its text keys (a paneldynamic's template question's is `<paneldynamic>.`) */
export function buildQuestion(question: Question, json: Json, pointer: string, context: BuildContext, keyPrefix = ''): CompiledQuestion {
  const base: QuestionBase = {
    ...containerBase(question, json, pointer, context, keyPrefix),
    titleKey: context.text(`${keyPrefix}${question.name}.title`, childPointer(pointer, 'title'), () => question.locTitle.text),
    showNumber: question.showNumber && question.hasTitle,
    validators: [],
  };
  const defaultValue = defaultOf(question);
  if (defaultValue !== undefined && defaultValue !== null) base.defaultValue = structuredClone(defaultValue);
  return buildQuestionDetails(question, base, json, pointer, context, `${keyPrefix}${question.name}`);
}

/**
 * The value survey-core sets from a question's defaultValue. A boolean stores true / false as
 * the strings 'true' / 'false' and sets its valueTrue / valueFalse for them; any other default
 * (a custom valueTrue such as 'yes') is set as written.
 */
function defaultOf(question: Question): unknown {
  const value: unknown = question.defaultValue;
  if (question.getType() !== 'boolean' || (value !== 'true' && value !== 'false')) return value;
  const q = question as QuestionBooleanModel;
  return value === 'true' ? (q.valueTrue ?? true) : (q.valueFalse ?? false);
}

/**
 * In evaluation order, dependencies first; a cycle is a fault, since survey-core would
 * recompute it on every change without settling.
 */
function buildCalculatedValues(model: SurveyModel, context: BuildContext): CompiledCalculatedValue[] {
  const list = model.calculatedValues.map((calculated, i) => {
    const pointer = childPointer(childPointer('/calculatedValues', i), 'expression');
    return {
      pointer,
      value: {
        name: calculated.name,
        expression: context.expr(pointer) ?? { k: 'c' as const, v: null },
        includeIntoResult: !!calculated.includeIntoResult,
      },
      uses: context.variables(pointer).map((v) => v.split(/[.[]/)[0].toLowerCase()),
    };
  });
  const byName = new Map(list.map((entry) => [entry.value.name.toLowerCase(), entry]));
  const ordered: CompiledCalculatedValue[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  for (const root of list) {
    // iterative depth-first search: a long chain must not exhaust the stack
    const stack: Array<{ entry: typeof root; next: number; path: string[] }> = [];
    const enter = (entry: typeof root, path: string[]) => {
      const key = entry.value.name.toLowerCase();
      if (state.get(key) === 'done') return;
      if (state.get(key) === 'visiting') {
        context.faults.push({ pointer: entry.pointer, message: `The calculated value '${entry.value.name}' depends on itself (${[...path, entry.value.name].join(' → ')})` });
        return;
      }
      state.set(key, 'visiting');
      stack.push({ entry, next: 0, path: [...path, entry.value.name] });
    };
    enter(root, []);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next < top.entry.uses.length) {
        const used = byName.get(top.entry.uses[top.next++]);
        if (used) enter(used, top.path);
        continue;
      }
      stack.pop();
      state.set(top.entry.value.name.toLowerCase(), 'done');
      ordered.push(top.entry.value);
    }
  }
  return ordered;
}
