import t from 'tap';
import { createRuntime } from '../../../../../client/runtime/runtime.js';
import { compiled, faultAt, survey } from './compile-helpers.js';

t.test('choice, rating and label texts keep their piping for the runtime', async (t) => {
  const result = compiled(t, survey([
    { type: 'text', name: 'who' },
    { type: 'radiogroup', name: 'pick', choices: [{ value: 'a', text: 'With {who}' }] },
    { type: 'rating', name: 'rate', rateValues: [{ value: 1, text: { default: 'One {who}', sv: 'Ett {who}' } }] },
    { type: 'text', name: 'echo', title: 'You chose {pick}' },
  ]));
  t.equal(result.texts.default.texts['pick.choice.0'], 'With {who}');
  t.equal(result.texts.sv.texts['rate.rate.0'], 'Ett {who}');
  const runtime = createRuntime(result.structure, result.texts.default);
  runtime.setValue('who', 'Ana');
  runtime.setValue('pick', 'a');
  t.equal(runtime.text('pick.choice.0'), 'With Ana');
  t.equal(runtime.text('echo.title'), 'You chose With Ana');
});

t.test('a boolean default of true or false is the value survey-core sets', async (t) => {
  const result = compiled(t, survey([
    { type: 'boolean', name: 'plain', defaultValue: true },
    { type: 'boolean', name: 'custom', defaultValue: false, valueTrue: 'yes', valueFalse: 'no' },
  ]));
  const [plain, custom] = result.structure.pages[0].elements as Array<{ defaultValue?: unknown }>;
  t.equal(plain.defaultValue, true);
  t.equal(custom.defaultValue, 'no');
});

t.test('an answer text that pipes its own question, or leads back to it, is a fault at the text', async (t) => {
  faultAt(t, survey([{ type: 'radiogroup', name: 'a', choices: [{ value: 1, text: 'Like {a}' }] }]), '/pages/0/elements/0/choices/0/text', /pipes 'a' itself/);
  faultAt(t, survey([
    { type: 'boolean', name: 'a', labelTrue: 'Yes {b}' },
    { type: 'dropdown', name: 'b', choices: [{ value: 1, text: { default: 'One', sv: 'Ett {a}' } }] },
  ]), '/pages/0/elements/0/labelTrue', /lead back to 'a'/);
});
