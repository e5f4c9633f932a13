/**
 * The type-specific part of each compiled question: choices, rating items, matrix rows and
 * columns, text limits and validators, each value as survey-core loaded it.
 */
import type {
  ItemValue, Question, QuestionBooleanModel, QuestionCheckboxModel, QuestionMatrixModel, QuestionRatingModel,
  QuestionSelectBase, QuestionTextModel, SurveyValidator,
} from 'survey-core';
import type {
  ChoiceValue, CompiledChoice, CompiledQuestion, CompiledValidator, QuestionBase,
} from '../../../../client/runtime/compiled-types.js';
import { childPointer, isRecord } from '../definition/json-pointer.js';
import { flag } from './build-context.js';
import type { BuildContext } from './build-context.js';
import { buildMoreQuestion } from './build-more-questions.js';

type Json = Record<string, unknown>;

/** `name`: the prefix of the question's text keys (a cell question's is its matrix's and column's). */
export function buildQuestionDetails(question: Question, base: QuestionBase, json: Json, pointer: string, context: BuildContext,
  name = question.name): CompiledQuestion {
  base.validators = question.validators.map((validator, i) => buildValidator(validator, name, i, list(json.validators)[i], childPointer(childPointer(pointer, 'validators'), i), context));
  const text = (property: string, suffix: string, read: () => string) => context.optionalText(json, property, `${name}.${suffix}`, pointer, read);
  const maxLength = (q: Question) => {
    const limit = Number((q as unknown as { getMaxLength(): unknown }).getMaxLength());
    return limit > 0 ? limit : undefined;
  };
  switch (question.getType()) {
    case 'text': {
      const q = question as QuestionTextModel;
      const minMax = q.isMinMaxType;
      return {
        ...base,
        type: 'text',
        inputType: q.inputType as 'text',
        min: minMax ? q.renderedMin : undefined,
        max: minMax ? q.renderedMax : undefined,
        step: q.inputType === 'number' && q.step !== undefined && q.step !== null && String(q.step) !== '' ? Number(q.step) : undefined,
        minErrorKey: minMax ? context.template(`${name}.minError`, childPointer(pointer, 'minErrorText'), () => q.minErrorText) : undefined,
        maxErrorKey: minMax ? context.template(`${name}.maxError`, childPointer(pointer, 'maxErrorText'), () => q.maxErrorText) : undefined,
        maxLength: maxLength(q),
        placeholderKey: text('placeholder', 'placeholder', () => q.locPlaceholder.text),
      };
    }
    case 'comment':
      return { ...base, type: 'comment', maxLength: maxLength(question), placeholderKey: text('placeholder', 'placeholder', () => (question as QuestionTextModel).locPlaceholder.text) };
    case 'radiogroup':
    case 'checkbox':
    case 'dropdown': {
      const q = question as QuestionSelectBase;
      const checkbox = q.getType() === 'checkbox' ? (q as QuestionCheckboxModel) : undefined;
      return {
        ...base,
        type: q.getType() as 'radiogroup',
        choices: choices(q.choices, list(json.choices), `${name}.choice`, childPointer(pointer, 'choices'), context, name),
        choicesVisibleIf: context.expr(childPointer(pointer, 'choicesVisibleIf')),
        choicesEnableIf: context.expr(childPointer(pointer, 'choicesEnableIf')),
        hasOther: q.showOtherItem,
        hasNone: q.showNoneItem,
        hasSelectAll: !!checkbox?.showSelectAllItem,
        otherTextKey: q.showOtherItem ? context.answerText(name, `${name}.otherText`, childPointer(pointer, 'otherText'), () => q.otherItem.locText.text) : undefined,
        otherErrorKey: json.otherErrorText === undefined ? undefined
          : context.template(`${name}.otherError`, childPointer(pointer, 'otherErrorText'), () => q.otherErrorText),
        otherPlaceholderKey: text('otherPlaceholder', 'otherPlaceholder', () => q.otherPlaceholder),
        noneTextKey: q.showNoneItem ? context.answerText(name, `${name}.noneText`, childPointer(pointer, 'noneText'), () => q.noneItem.locText.text) : undefined,
        selectAllTextKey: checkbox?.showSelectAllItem
          ? context.text(`${name}.selectAllText`, childPointer(pointer, 'selectAllText'), () => checkbox.selectAllItem.text) : undefined,
        placeholderKey: q.getType() === 'dropdown'
          ? context.text(`${name}.placeholder`, childPointer(pointer, 'placeholder'), () => (q as unknown as QuestionTextModel).locPlaceholder.text) : undefined,
        minSelectedChoices: checkbox?.minSelectedChoices ?? 0,
        maxSelectedChoices: checkbox?.maxSelectedChoices ?? 0,
      };
    }
    case 'boolean': {
      const q = question as QuestionBooleanModel;
      return {
        ...base,
        type: 'boolean',
        labelTrueKey: context.answerText(name, `${name}.labelTrue`, childPointer(pointer, 'labelTrue'), () => q.locLabelTrue.text),
        labelFalseKey: context.answerText(name, `${name}.labelFalse`, childPointer(pointer, 'labelFalse'), () => q.locLabelFalse.text),
        valueTrue: (q.valueTrue ?? true) as ChoiceValue,
        valueFalse: (q.valueFalse ?? false) as ChoiceValue,
      };
    }
    case 'rating': {
      const q = question as QuestionRatingModel;
      const rateValues = q.visibleRateValues.map((item, i): CompiledChoice => ({
        value: item.value as ChoiceValue,
        textKey: context.answerText(name, `${name}.rate.${i}`, childPointer(childPointer(pointer, 'rateValues'), i), () => rawText(q.visibleRateValues[i] ?? item)),
      }));
      return {
        ...base,
        type: 'rating',
        rateValues,
        rateMin: q.rateMin,
        rateMax: q.rateMax,
        rateStep: q.rateStep,
        minRateDescriptionKey: text('minRateDescription', 'minRateDescription', () => q.locMinRateDescription.text),
        maxRateDescriptionKey: text('maxRateDescription', 'maxRateDescription', () => q.locMaxRateDescription.text),
      };
    }
    case 'matrix': {
      const q = question as QuestionMatrixModel;
      return {
        ...base,
        type: 'matrix',
        rows: choices(q.rows, list(json.rows), `${name}.row`, childPointer(pointer, 'rows'), context, name),
        columns: choices(q.columns, list(json.columns), `${name}.column`, childPointer(pointer, 'columns'), context, name),
        isAllRowRequired: q.eachRowRequired,
      };
    }
    case 'expression':
      return { ...base, type: 'expression', expression: context.expr(childPointer(pointer, 'expression')) ?? { k: 'c', v: null } };
    default:
      return buildMoreQuestion(question, base, json, pointer, context, name);
  }
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * An item's text as written (the value when it has none). ItemValue.text is already piped, which
 * at compile time, with no answers, would drop every `{name}`; the runtime pipes it instead.
 */
export function rawText(item: ItemValue): string {
  const value: unknown = item.value;
  return item.locText.text || (value === undefined || value === null || value === '' ? '' : String(value));
}

/** `owner`: the question whose answer these items show when it is piped */
export function choices(items: ItemValue[], json: unknown[], keyPrefix: string, pointer: string, context: BuildContext, owner: string): CompiledChoice[] {
  return items.map((item, i) => {
    const at = childPointer(pointer, i);
    const choice: CompiledChoice = {
      value: item.value as ChoiceValue,
      textKey: context.answerText(owner, `${keyPrefix}.${i}`, childPointer(at, 'text'), () => rawText(item)),
    };
    if (isRecord(json[i])) {
      if ((item as unknown as { isExclusive?: boolean }).isExclusive === true) choice.exclusive = true;
      const visibleIf = context.expr(childPointer(at, 'visibleIf'));
      const enableIf = context.expr(childPointer(at, 'enableIf'));
      if (visibleIf) choice.visibleIf = visibleIf;
      if (enableIf) choice.enableIf = enableIf;
    }
    return choice;
  });
}

function buildValidator(validator: SurveyValidator, name: string, index: number, json: unknown, pointer: string, context: BuildContext): CompiledValidator {
  const own = isRecord(json) ? json : {};
  const v = validator as unknown as Record<string, unknown> & SurveyValidator;
  const key = `${name}.validator.${index}`;
  const custom = own.text !== undefined ? context.template(key, childPointer(pointer, 'text'), () => v.text) : undefined;
  const number = (value: unknown) => (value === undefined || value === null || value === '' ? undefined : Number(value));
  switch (validator.getType()) {
    case 'numericvalidator':
      return { type: 'numeric', minValue: number(v.minValue), maxValue: number(v.maxValue), textKey: custom };
    case 'textvalidator':
      return { type: 'text', minLength: Number(v.minLength ?? 0), maxLength: Number(v.maxLength ?? 0), allowDigits: flag(v.allowDigits, true), textKey: custom };
    case 'emailvalidator':
      return { type: 'email', textKey: custom };
    case 'regexvalidator':
      return { type: 'regex', regex: String(v.regex ?? ''), caseInsensitive: !!v.caseInsensitive, textKey: custom };
    case 'answercountvalidator':
      return { type: 'answercount', minCount: number(v.minCount), maxCount: number(v.maxCount), textKey: custom };
    case 'expressionvalidator':
      return {
        type: 'expression',
        expression: context.expr(childPointer(pointer, 'expression')) ?? { k: 'c', v: true },
        // the default text quotes the expression, so survey-core writes it for every locale
        textKey: custom ?? context.template(key, childPointer(pointer, 'text'), () => (v as unknown as { getErrorText(name: string | null): string }).getErrorText(null)),
      };
    default:
      throw new Error(`Unexpected validator type '${validator.getType()}'`);
  }
}
