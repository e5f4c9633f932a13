/**
 * The compiler refuses the reads of a single-choice question with "other" and conditional choices
 * that survey-core and the phones evaluate differently (check-other-reads.ts), and only those.
 */
import t from 'tap';
import { compiled, faultAt, survey } from './compile-helpers.js';

const age = { type: 'text', name: 'age', inputType: 'number' };
const color = (props: Record<string, unknown> = {}) => ({
  type: 'radiogroup', name: 'color', showOtherItem: true, choices: ['red', { value: 'blue', visibleIf: '{age} >= 18' }, 'green'], ...props,
});
const reading = (condition: string, question = color()) => survey([age, question, { type: 'text', name: 't', visibleIf: condition }]);
const at = '/pages/0/elements/2/visibleIf';

t.test("a read that tells 'other' from a conditional choice is refused, naming what to write instead", async (t) => {
  faultAt(t, reading("{color} = 'other'"), at, /\{color\} has "other" and choices shown on conditions.*\{color\} = 'red'.*empty \/ notempty.*choicesEnableIf.*a choice 'other'/);
  for (const condition of ["{color} = 'blue'", "{color} <> 'Other '", "{color} anyof ['red', 'blue']", "{color} contains 'e'", "{color} > 'c'", '{color} = {age}', "iif({color} = 'other', true, false)"]) {
    faultAt(t, reading(condition), at, /\{color\} has "other"/);
  }
  faultAt(t, survey([age, color(), { type: 'expression', name: 'e', expression: '{color}' }]), '/pages/0/elements/2/expression', /\{color\} has "other"/);
  faultAt(t, survey([age, color(), { type: 'text', name: 'n', validators: [{ type: 'expression', expression: "{color} <> 'other'" }] }]),
    '/pages/0/elements/2/validators/0/expression', /\{color\} has "other"/);
});

t.test('choicesVisibleIf makes every choice conditional; dropdowns are refused alike', async (t) => {
  const all = color({ choices: ['red', 'blue'], choicesVisibleIf: "{age} >= 18 or {item} = 'red'" });
  faultAt(t, reading("{color} = 'red'", all), at, /\{color\} has "other"/);
  faultAt(t, reading("{color} = 'other'", color({ type: 'dropdown' })), at, /\{color\} has "other"/);
});

t.test('the reads that cannot tell them apart still compile, and so does the shape without other, conditions or readers', async (t) => {
  for (const condition of ['{color} notempty', '{color} empty', "{color} = 'red'", "'green' <> {color}", "{color} anyof ['red', 'green']", "{color} noneof ['red']", "{color} = 'none'", "{color} = 'red' and {age} > 3"]) {
    t.ok(compiled(t, reading(condition)).ok, condition);
  }
  t.ok(compiled(t, reading("{color} = 'other'", color({ showOtherItem: false }))).ok, 'no other');
  t.ok(compiled(t, reading("{color} = 'other'", color({ choices: ['red', { value: 'blue', enableIf: '{age} >= 18' }] }))).ok, 'choices disabled, not hidden');
  t.ok(compiled(t, reading("{color} = 'other'", color({ type: 'checkbox' }))).ok, 'a checkbox');
  t.ok(compiled(t, survey([age, color({ title: 'You chose {color}' })])).ok, 'piped into a text');
});
