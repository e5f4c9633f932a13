/**
 * survey-core's value checks: a text question's min, max, step and e-mail checks, and the six
 * validator types, each with survey-core's message (or the author's) in the payload's language.
 */
import type { CompiledValidator, TextQuestion } from './compiled-types.js';
import type { ErrorKind } from './runtime-errors.js';
import type { RuntimeState } from './runtime-state.js';
import { builtIn, format } from './runtime-text.js';
import type { Lookup } from './runtime-text.js';
import { isAnswerEmpty, isValueEmpty } from './values.js';

type Add = (kind: ErrorKind, text: string) => void;

/** survey-core's EmailValidator pattern */
export const EMAIL = /^(([^<>()[\]\.,;:\s@"]+(\.[^<>()[\]\.,;:\s@"]+)*)|(".+"))@(([^<>()=[\]\.,;:\s@"]+\.)+[^<>()=[\]\.,;:\s@"]{2,})$/i;

export function textChecks(def: TextQuestion, value: unknown, lookup: Lookup, add: Add): void {
  if (isValueEmpty(value)) return;
  const isDate = def.inputType === 'date';
  const comparable = (v: unknown) => (isDate ? new Date(v as string) : v) as number;
  const shown = (v: number | string) => (isDate ? new Date(v).toDateString() : String(v));
  if (def.min !== undefined && def.min !== '' && comparable(value) < comparable(def.min)) {
    add('min', lookup(def.minErrorKey).replace('{0}', shown(def.min)));
  }
  if (def.max !== undefined && def.max !== '' && comparable(value) > comparable(def.max)) {
    add('max', lookup(def.maxErrorKey).replace('{0}', shown(def.max)));
  }
  if (def.inputType === 'number' && def.step !== undefined && isStepIncorrect(value, def.step)) {
    add('step', builtIn(lookup, 'stepError').replace('{0}', String(def.step)));
  }
  if (def.inputType === 'email' && !def.validators.some((v) => v.type === 'email') && !EMAIL.test(String(value))) {
    add('email', builtIn(lookup, 'invalidEmail'));
  }
}

function isStepIncorrect(value: unknown, stepValue: number): boolean {
  let val = toNumber(value);
  let step = stepValue;
  if (Number.isNaN(val) || Number.isNaN(step)) return false;
  let pw = 1;
  while ((Math.round(step * pw) / pw !== step || Math.round(val * pw) / pw !== val) && pw < 1000000) pw *= 10;
  val = Math.round(val * pw);
  step = Math.round(step * pw);
  return step > 0 && val % step !== 0;
}

/** survey-core's Helpers.getNumber for the values a respondent can type: NaN unless fully numeric. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value !== 'string') return NaN;
  const text = value.trim();
  if (text === '') return NaN;
  const result = parseFloat(text);
  return Number.isNaN(result) || !Number.isFinite(Number(text)) ? NaN : result;
}

/** `state`: whatever decides the validator's condition (the survey, or one row of a matrix) */
export function validate(state: Pick<RuntimeState, 'condition'>, validator: CompiledValidator, value: unknown, lookup: Lookup, add: Add): void {
  const custom = validator.textKey ? lookup(validator.textKey) : '';
  switch (validator.type) {
    case 'numeric': {
      // SurveyValidator.isValueEmpty trims a string first: a blank answer is not checked
      if (isAnswerEmpty(value)) return;
      const number = toNumber(value);
      if (Number.isNaN(number)) return void add('numeric', custom || builtIn(lookup, 'numericError'));
      const { minValue, maxValue } = validator;
      const fallback = () => {
        const name = builtIn(lookup, 'value');
        if (minValue !== undefined && maxValue !== undefined) return format(builtIn(lookup, 'numericMinMax'), name, minValue, maxValue);
        if (minValue !== undefined) return format(builtIn(lookup, 'numericMin'), name, minValue);
        return format(builtIn(lookup, 'numericMax'), name, maxValue);
      };
      if (minValue !== undefined && minValue > number) add('min', custom || fallback());
      else if (maxValue !== undefined && maxValue < number) add('max', custom || fallback());
      return;
    }
    case 'text': {
      if (isAnswerEmpty(value) || typeof value !== 'string') return;
      const { minLength, maxLength } = validator;
      const fallback = () => {
        if (minLength > 0 && maxLength > 0) return format(builtIn(lookup, 'textMinMaxLength'), minLength, maxLength);
        if (minLength > 0) return format(builtIn(lookup, 'textMinLength'), minLength);
        return format(builtIn(lookup, 'textMaxLength'), maxLength);
      };
      if (!validator.allowDigits && /\d+$/.test(value)) add('digits', custom || builtIn(lookup, 'textNoDigitsAllow'));
      else if (minLength > 0 && value.length < minLength) add('minLength', custom || fallback());
      else if (maxLength > 0 && value.length > maxLength) add('maxLength', custom || fallback());
      return;
    }
    case 'answercount': {
      if (!Array.isArray(value) || value.length === 0) return;
      if (validator.minCount && value.length < validator.minCount) add('answercount', custom || format(builtIn(lookup, 'minSelectError'), validator.minCount));
      else if (validator.maxCount && value.length > validator.maxCount) add('answercount', custom || format(builtIn(lookup, 'maxSelectError'), validator.maxCount));
      return;
    }
    case 'regex': {
      if (isAnswerEmpty(value)) return;
      let re: RegExp;
      try {
        re = new RegExp(validator.regex, validator.caseInsensitive ? 'i' : '');
      } catch {
        return;
      }
      const items = Array.isArray(value) ? [...value, value] : [value];
      if (items.some((item) => !re.test(String(item)))) add('regex', custom);
      return;
    }
    case 'email':
      if (value && !EMAIL.test(String(value))) add('email', custom || builtIn(lookup, 'invalidEmail'));
      return;
    case 'expression':
      if (!state.condition(validator.expression)) add('expression', custom);
      return;
  }
}
