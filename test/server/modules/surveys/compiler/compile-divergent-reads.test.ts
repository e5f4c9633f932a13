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

const template = (condition: string) => survey([{ type: 'paneldynamic', name: 'pd', panelCount: 1, templateElements: [
  { type: 'checkbox', name: 'cb', choices: ['a', 'b'] }, { type: 'text', name: 't' }, { type: 'text', name: 'q', visibleIf: condition }] }]);
const matrix = (condition: string, cellType?: string) => survey([{ type: 'matrixdropdown', name: 'm', rows: ['r1', 'r2'], ...(cellType ? { cellType } : {}), columns: [
  { name: 'cb', ...(cellType ? {} : { cellType: 'checkbox' }), choices: ['a', 'b'] }, { name: 't', cellType: 'text' }, { name: 'q', cellType: 'text', visibleIf: condition }] }]);
const outside = (condition: string) => survey([
  { type: 'paneldynamic', name: 'pd', panelCount: 1, templateElements: [{ type: 'checkbox', name: 'cb', choices: ['a', 'b'] }] },
  { type: 'matrixdropdown', name: 'm', rows: ['r1'], columns: [{ name: 'cb', cellType: 'checkbox', choices: ['a', 'b'] }] },
  { type: 'text', name: 'q', visibleIf: condition }]);

t.test('a checkbox of a paneldynamic template read as {panel.cb} is refused in the same shapes', async (t) => {
  const at = '/pages/0/elements/0/templateElements/2/visibleIf';
  faultAt(t, template('!{panel.cb}'), at, /\{panel\.cb\} is read as true or false.*Write \{panel\.cb\} notempty/);
  faultAt(t, template("{panel.cb} < 'b'"), at, /\{panel\.cb\} is compared with '<'/);
  faultAt(t, template('{panel.cb} = []'), at, /\{panel\.cb\} is compared with an empty value/);
  faultAt(t, template("['a'] contains {panel.cb}"), at, /\{panel\.cb\} is on the right of 'contains'/);
});

t.test('a checkbox column of a matrixdropdown read as {row.cb} is refused in the same shapes, whichever way its cell type is set', async (t) => {
  const at = '/pages/0/elements/0/columns/2/visibleIf';
  faultAt(t, matrix('iif({row.cb}, true, false)'), at, /\{row\.cb\} is read as true or false/);
  faultAt(t, matrix("{row.cb} >= 'b'"), at, /\{row\.cb\} is compared with '<'/);
  faultAt(t, matrix("{row.cb} <> ''"), at, /\{row\.cb\} is compared with an empty value/);
  faultAt(t, matrix("{row.cb} <> ''", 'checkbox'), at, /\{row\.cb\} is compared with an empty value/);
});

t.test('a template or matrix checkbox read by its path from outside is refused in the same shapes', async (t) => {
  faultAt(t, outside('{pd[0].cb} = []'), '/pages/0/elements/2/visibleIf', /\{pd\[0\]\.cb\} is compared with an empty value/);
  faultAt(t, outside("{m.r1.cb} < 'b'"), '/pages/0/elements/2/visibleIf', /\{m\.r1\.cb\} is compared with '<'/);
});

t.test('the template and matrix checkbox reads that agree still compile, and other cells are not checkboxes', async (t) => {
  for (const condition of ["{X} = 'a'", '{X} notempty', "{X} contains 'a'", "{X} anyof ['a']", 'count({X}) > 0', '{X} = {Y}', '{X} and true']) {
    t.ok(compiled(t, template(condition.replace('{X}', '{panel.cb}').replace('{Y}', '{panel.t}'))).ok, condition);
    t.ok(compiled(t, matrix(condition.replace('{X}', '{row.cb}').replace('{Y}', '{row.t}'))).ok, condition);
  }
  t.ok(compiled(t, outside('{pd[0].cb} notempty and {m.r1.cb} notempty')).ok, 'paths read with notempty');
  // a column without a cell type is the matrix's default, a dropdown
  t.ok(compiled(t, matrix('!{row.cb}', 'dropdown')).ok, 'a dropdown column read as true or false');
  t.ok(compiled(t, template('!{panel.t}')).ok, 'a text of the template read as true or false');
});
