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
