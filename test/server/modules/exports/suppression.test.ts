import t from 'tap';
import { suppress, type Group } from '../../../../server/modules/exports/suppression.js';

const group = (values: string[], total: number, selected = total): Group => ({ values, total, selected, eligible: total, mask: 0 });

t.test('the most varied quasi-identifier among the small groups is suppressed first, and only for them', async (t) => {
  const groups = [group(['A', 'f'], 6), group(['A', 'm'], 3), group(['A', 'x'], 2, 0), group(['B', 'f'], 5)];
  const result = suppress(groups, ['partner', 'gender'], 5);
  t.same(groups.map((g) => g.mask), [0, 0b10, 0b10, 0]);
  t.same(result, { kBefore: 2, kAfter: 5, suppressed: { partner: 0, gender: 3 } }, 'counts only the selected responses');
});

t.test('when the fully suppressed responses are still fewer than k, the smallest group left joins them', async (t) => {
  const groups = [group(['A', 'f'], 9), group(['B', 'm'], 6), group(['C', 'x'], 1), group(['D', 'y'], 1)];
  const result = suppress(groups, ['partner', 'gender'], 5);
  t.same(groups.map((g) => g.mask), [0, 0b11, 0b11, 0b11]);
  t.same(result.kAfter, 8);
});

t.test('no responses: nothing to suppress', async (t) => {
  t.same(suppress([], ['partner'], 5), { kBefore: 0, kAfter: 0, suppressed: { partner: 0 } });
});
