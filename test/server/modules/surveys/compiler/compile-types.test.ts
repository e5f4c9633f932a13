import t from 'tap';
import { compiled, faultAt, survey } from './compile-helpers.js';

t.test('html and image compile to piped texts per locale, never numbered', async (t) => {
  const result = compiled(t, survey([
    { type: 'text', name: 'who' },
    { type: 'html', name: 'note', html: { default: '<i>Hi {who}</i>', pl: '<i>Cześć {who}</i>' } },
    { type: 'image', name: 'pic', imageLink: 'https://example.org/a.png', altText: 'A picture', imageWidth: '300' },
  ]));
  const [, note, pic] = result.structure.pages[0].elements;
  t.match(note, { type: 'html', htmlKey: 'note.html', showNumber: false });
  t.match(pic, { type: 'image', imageLinkKey: 'pic.imageLink', altTextKey: 'pic.altText', imageWidth: '300', showNumber: false });
  t.equal(result.texts.pl.texts['note.html'], '<i>Cześć {who}</i>');
  t.ok(result.texts.pl.piped.includes('note.html'));
  t.notOk(result.texts.default.piped.includes('pic.altText'));
});

t.test('html and image refuse what survey-core ignores for them', async (t) => {
  faultAt(t, survey([{ type: 'html', name: 'note', html: 'x', isRequired: true }]), '/pages/0/elements/0/isRequired', /not supported/);
  faultAt(t, survey([{ type: 'image', name: 'pic', enableIf: '{a} = 1' }]), '/pages/0/elements/0/enableIf', /not supported/);
  faultAt(t, survey([{ type: 'html', name: 'note', html: 'Hi {nobody}' }]), '/pages/0/elements/0/html', /pipes '\{nobody\}'/);
});

t.test('a ranking compiles its choices; = on it compares in order', async (t) => {
  const result = compiled(t, survey([
    { type: 'ranking', name: 'rank', choices: ['a', 'b', { value: 'c', visibleIf: '{other} = 1' }] },
    { type: 'text', name: 'other', visibleIf: "{rank} = ['a', 'b']" },
  ]));
  const [rank, other] = result.structure.pages[0].elements;
  t.match(rank, { type: 'ranking', choices: [{ value: 'a' }, { value: 'b' }, { value: 'c', visibleIf: { k: 'b' } }] });
  t.match(other.visibleIf, { k: 'b', op: 'equal', l: { k: 'v', n: 'rank', s: true } });
});

t.test('ranking refuses select-to-rank, choicesVisibleIf and fewer than two fixed choices', async (t) => {
  faultAt(t, survey([{ type: 'ranking', name: 'r', choices: ['a', 'b'], selectToRankEnabled: true }]), '/pages/0/elements/0/selectToRankEnabled', /true is not supported/);
  faultAt(t, survey([{ type: 'ranking', name: 'r', choices: ['a', 'b'], choicesVisibleIf: "{item} <> 'a'" }]), '/pages/0/elements/0/choicesVisibleIf', /single choice/);
  faultAt(t, survey([{ type: 'ranking', name: 'r', choices: ['a', { value: 'b', visibleIf: 'false' }] }]), '/pages/0/elements/0/choices', /two choices/);
  faultAt(t, survey([{ type: 'ranking', name: 'r', choices: ['a', 'b'], showOtherItem: true }]), '/pages/0/elements/0/showOtherItem', /not supported/);
});

t.test('a matrixdropdown compiles each column as its cell question, shared choices included', async (t) => {
  const result = compiled(t, survey([{
    type: 'matrixdropdown', name: 'm', rows: ['r1', { value: 'r2', text: { default: 'Two', sv: 'Två' } }], choices: [{ value: 1, text: { default: 'One', sv: 'Ett' } }],
    columns: [
      { name: 'pick' },
      { name: 'n', cellType: 'text', inputType: 'number', isRequired: true, visibleIf: '{row.pick} = 1', validators: [{ type: 'numeric', maxValue: 9 }] },
      { name: 'twice', cellType: 'expression', expression: '{row.n} * 2' },
    ],
  }]));
  const [matrix] = result.structure.pages[0].elements;
  if (matrix.type !== 'matrixdropdown') throw new Error('not a matrixdropdown');
  t.same(matrix.rows.map((r) => r.value), ['r1', 'r2']);
  t.match(matrix.columns[0].cell, { type: 'dropdown', name: 'pick', choices: [{ value: 1, textKey: 'm.pick.choice.0' }] });
  t.match(matrix.columns[1].cell, { type: 'text', inputType: 'number', isRequired: true, visibleIf: { k: 'b' }, validators: [{ type: 'numeric', maxValue: 9 }] });
  t.match(matrix.columns[2].cell, { type: 'expression', expression: { k: 'b', op: 'mul' } });
  t.equal(result.texts.sv.texts['m.pick.choice.0'], 'Ett');
  t.equal(result.texts.sv.texts['m.row.1'], 'Två');
});

t.test('a matrixdropdown refuses what the runtime does not implement, at its JSON path', async (t) => {
  const matrix = (extra: Record<string, unknown>, column: Record<string, unknown> = {}) =>
    survey([{ type: 'matrixdropdown', name: 'm', rows: ['r1'], columns: [{ name: 'c', ...column }], ...extra }]);
  faultAt(t, matrix({}, { cellType: 'file' }), '/pages/0/elements/0/columns/0/cellType', /"file" is not supported/);
  faultAt(t, matrix({ cellType: 'rating' }), '/pages/0/elements/0/cellType', /"rating" is not supported/);
  faultAt(t, matrix({}, { totalType: 'sum' }), '/pages/0/elements/0/columns/0/totalType', /not supported/);
  faultAt(t, matrix({ rows: [{ value: 'r1', visibleIf: '{a} = 1' }] }), '/pages/0/elements/0/rows/0/visibleIf', /rows of a matrixdropdown/);
  faultAt(t, matrix({}, { visibleIf: '{prevRow.c} = 1' }), '/pages/0/elements/0/columns/0/visibleIf', /not other rows/);
  faultAt(t, survey([{ type: 'matrixdropdown', name: 'm', rows: ['r1'], columns: [
    { name: 'a', cellType: 'expression', expression: '{row.b} + 1' }, { name: 'b', cellType: 'expression', expression: '{row.a}' }] }]),
  '/pages/0/elements/0/columns/0/expression', /depends on itself/);
  faultAt(t, matrix({ detailPanelMode: 'underRow' }), '/pages/0/elements/0/detailPanelMode', /not supported/);
  faultAt(t, matrix({}, { cellType: 'text', inputType: 'color' }), '/pages/0/elements/0/columns/0/inputType', /input type 'color'/);
  faultAt(t, survey([{ type: 'matrixdropdown', name: 'm', rows: ['r1'], columns: [{ name: 'c' }] }, { type: 'text', name: 't', title: 'Said {m}' }]),
    '/pages/0/elements/1/title', /matrix 'm'/);
});
