/**
 * Validators of generated questions, each only where survey authors would put it (a numeric
 * validator on a number or text input, an answer count on a checkbox…), with limits that the
 * generated answers fall on both sides of.
 */
import type { KindSpec, ValidatorSpec } from './generate-question-specs.js';
import type { Writers } from './generate-questions.js';

type Json = Record<string, unknown>;

const REGEXES = ['^[a-z ]+$', '^\\+?[0-9 ]{6,}$', '^M', 'o'];
const TEXT_INPUTS = ['text', 'email', 'tel', 'comment'];

export function validatorJson(v: ValidatorSpec, type: KindSpec, w: Writers): Json | undefined {
  const input = type.kind === 'text' ? type.inputType : type.kind;
  const message = v.message ? { text: w.texts.text(v.message, 'Fix') } : {};
  const pick = <T>(list: readonly T[], i: number): T => list[i % list.length];
  switch (v.kind) {
    case 'numeric':
      if (input !== 'number' && input !== 'text') return undefined;
      return { type: 'numeric', ...message, ...(v.a % 3 === 2 ? {} : { minValue: pick([0, 18], v.a) }), ...(v.b % 3 === 2 ? {} : { maxValue: pick([90, 17], v.b) }) };
    case 'text':
      if (!TEXT_INPUTS.includes(input)) return undefined;
      return { type: 'text', ...message, minLength: pick([0, 2, 3], v.a), maxLength: pick([0, 5, 10], v.b), ...(v.a % 2 === 1 ? { allowDigits: false } : {}) };
    case 'email': return input === 'text' || input === 'email' ? { type: 'email', ...message } : undefined;
    case 'regex':
      if (!TEXT_INPUTS.includes(input)) return undefined;
      return { type: 'regex', ...message, regex: pick(REGEXES, v.a), ...(v.b % 2 === 1 ? { caseInsensitive: true } : {}) };
    case 'expression': return { type: 'expression', ...message, expression: w.conditions.cond(v.cond) };
    case 'answercount':
      if (input !== 'checkbox') return undefined;
      return { type: 'answercount', ...message, ...(v.a % 3 === 2 ? {} : { minCount: pick([1, 2], v.a) }), ...(v.b % 3 === 2 ? {} : { maxCount: pick([2, 3], v.b) }) };
  }
}
