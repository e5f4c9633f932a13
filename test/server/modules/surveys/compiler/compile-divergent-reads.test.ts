/**
 * The compiler refuses the expression shapes survey-core and the phone runtime evaluate
 * differently (check-divergent-reads.ts), and only those: the shapes that agree still compile.
 */
import t from 'tap';
import { compiled, faultAt, survey } from './compile-helpers.js';

const checkbox = { type: 'checkbox', name: 'cb', choices: ['a', 'b', 'c'] };
const withCondition = (condition: string) => survey([checkbox, { type: 'text', name: 't' }, { type: 'text', name: 'q', visibleIf: condition }]);
const withExpression = (expression: string) => survey([checkbox, { type: 'text', name: 't' }, { type: 'expression', name: 'e', expression }]);

t.test('an unanswered checkbox read as true or false is refused, naming notempty', async (t) => {
  faultAt(t, withCondition('{cb}'), '/pages/0/elements/2/visibleIf', /\{cb\} is read as true or false.*Write \{cb\} notempty/);
  faultAt(t, withCondition('!{cb}'), '/pages/0/elements/2/visibleIf', /\{cb\} is read as true or false/);
  faultAt(t, withExpression('iif({cb}, 1, 2)'), '/pages/0/elements/2/expression', /\{cb\} is read as true or false/);
});

t.test('a checkbox compared with <, <=, > or >= is refused, naming contains and anyof', async (t) => {
  for (const condition of ["{cb} < 'b'", "{cb} <= 'b'", '{cb} > 3', "'b' >= {cb}"]) {
    faultAt(t, withCondition(condition), '/pages/0/elements/2/visibleIf', /\{cb\} is compared with '<'.*\{cb\} contains/);
  }
});

t.test('a checkbox compared with an empty constant is refused, naming empty', async (t) => {
  for (const condition of ['{cb} = []', "{cb} = ''", '{cb} <> null']) {
    faultAt(t, withCondition(condition), '/pages/0/elements/2/visibleIf', /compared with an empty value.*Write \{cb\} empty/);
  }
});

t.test('a checkbox on the right of contains, or given to a date function, is refused', async (t) => {
  faultAt(t, withCondition("['a'] contains {cb}"), '/pages/0/elements/2/visibleIf', /on the right of 'contains'.*allof/);
  faultAt(t, withExpression('age({cb})'), '/pages/0/elements/2/expression', /given to age\(\)/);
  faultAt(t, survey([checkbox, { type: 'text', name: 'q', validators: [{ type: 'expression', expression: '{cb}' }] }]), '/pages/0/elements/1/validators/0/expression', /read as true or false/);
});

t.test('the checkbox reads survey-core and the phones agree on still compile', async (t) => {
  const agreeing = ["{cb} = 'a'", "{cb} <> 'a'", '{cb} = {t}', "{cb} contains 'a'", "{cb} notcontains 'a'", '{cb} empty', '{cb} notempty',
    "{cb} anyof ['a']", "{cb} allof ['a']", "{cb} noneof ['a']", 'count({cb}) > 1', '{cb} and true', "['a'] anyof {cb}"];
  for (const condition of agreeing) t.ok(compiled(t, withCondition(condition)).ok, condition);
  for (const expression of ['{cb}', 'sum({cb})', '{cb} + 1', "substring({cb}, 0, 1)", "iif({t} notempty, {cb}, 2)"]) t.ok(compiled(t, withExpression(expression)).ok, expression);
  // a text question may be read as true or false; only checkboxes diverge
  t.ok(compiled(t, survey([{ type: 'text', name: 't' }, { type: 'text', name: 'q', visibleIf: '{t}' }])).ok, 'a text read as true or false');
});
