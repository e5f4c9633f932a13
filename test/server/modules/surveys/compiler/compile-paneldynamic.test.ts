import t from 'tap';
import { compiled, faultAt, survey } from './compile-helpers.js';

const kids = (template: unknown[], own: Record<string, unknown> = {}) => survey([{ type: 'text', name: 'name' }, { type: 'paneldynamic', name: 'kids', templateElements: template, ...own }]);

t.test('a paneldynamic compiles with its template questions, panel counts and per-panel texts; template names may repeat survey names', async (t) => {
  const result = compiled(t, kids([{ type: 'text', name: 'name', title: 'Name {panelIndex} of {name}' }, { type: 'boolean', name: 'school', visibleIf: '{panel.name} notempty' }],
    { panelCount: 5, minPanelCount: 1, maxPanelCount: 3, templateTitle: 'Child {panelIndex}: {panel.name}' }));
  const pd = result.structure.pages[0].elements[1];
  if (pd.type !== 'paneldynamic') throw new Error('not compiled as a paneldynamic');
  t.match(pd, { panelCount: 3, minPanelCount: 1, maxPanelCount: 3, allowAddPanel: true, templateTitleKey: 'kids.templateTitle' });
  t.same(pd.templateElements.map((q) => [q.type, q.name, q.titleKey]), [['text', 'name', 'kids.name.title'], ['boolean', 'school', 'kids.school.title']]);
  t.same(result.texts.default.piped, ['kids.name.title', 'kids.templateTitle']);
});

t.test('what the runtime does not do per panel is a fault at its path', async (t) => {
  faultAt(t, kids([{ type: 'matrix', name: 'm', rows: ['a'], columns: ['x'] }]), '/pages/0/elements/1/templateElements/0/type', /not supported inside a paneldynamic/);
  faultAt(t, kids([{ type: 'panel', name: 'inner', elements: [{ type: 'text', name: 'a' }] }]), '/pages/0/elements/1/templateElements/0/type', /not supported inside a paneldynamic/);
  faultAt(t, kids([{ type: 'radiogroup', name: 'r', choices: ['a'], showOtherItem: true }]), '/pages/0/elements/1/templateElements/0/showOtherItem', /inside a paneldynamic/);
  faultAt(t, kids([{ type: 'radiogroup', name: 'r', choices: [{ value: 'a', visibleIf: '{name} = 1' }] }]), '/pages/0/elements/1/templateElements/0/choices/0/visibleIf', /inside a paneldynamic/);
  faultAt(t, kids([{ type: 'text', name: 'a', defaultValue: 'x' }]), '/pages/0/elements/1/templateElements/0/defaultValue', /inside a paneldynamic/);
  faultAt(t, kids([{ type: 'text', name: 'a', visibleIf: '{prevPanel.a} = 1' }]), '/pages/0/elements/1/templateElements/0/visibleIf', /not other panels/);
  faultAt(t, kids([{ type: 'text', name: 'a' }], { templateVisibleIf: '{panel.a} = 1' }), '/pages/0/elements/1/templateVisibleIf', /not supported/);
  faultAt(t, kids([{ type: 'text', name: 'a' }], { templateTitle: '{panel.zz}' }), '/pages/0/elements/1/templateTitle', /\{panel\.zz\}/);
  faultAt(t, survey([{ type: 'paneldynamic', name: 'kids', templateElements: [{ type: 'text', name: 'a' }] }, { type: 'text', name: 'b', title: '{kids}' }]),
    '/pages/0/elements/1/title', /dynamic panel 'kids'/);
});
