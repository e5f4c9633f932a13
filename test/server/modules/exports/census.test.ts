import t from 'tap';
import { Value } from '@sinclair/typebox/value';
import { ExportQuerySchema, type ExportQuery } from '../../../../server/modules/exports/schemas.js';
import { selection } from '../../../../server/modules/exports/selection.js';
import type { ResponseRow } from '../../../../server/modules/exports/snapshot.js';
import { census } from '../../../../server/modules/exports/survey-census.js';

t.test('the census of a large survey gives the event loop a turn every few thousand rows, so other requests are answered meanwhile', async (t) => {
  const total = 5000;
  let read = 0;
  function* rows(): Generator<ResponseRow> {
    for (; read < total; read++) {
      yield { id: `r${read}`, versionId: 'v', partnerId: null, campaignId: null, locale: 'en', state: 'completed', startedAt: '2026-03-14T00:00:00Z', completedAt: null, quasi: [] };
    }
  }
  const seenByAnotherTask: number[] = [];
  const other = () => { seenByAnotherTask.push(read); if (read < total) setImmediate(other); };
  setImmediate(other);
  const view = selection(Value.Default(ExportQuerySchema, {}) as ExportQuery, new Map(), () => 'en');
  const { rows: counted, groups } = await census(rows(), view);
  t.equal(counted, total);
  t.equal(groups.size, 1);
  t.ok(seenByAnotherTask.some((n) => n > 0 && n < total), `another task ran while the census was half-way (it saw ${seenByAnotherTask.join(', ')} rows read)`);
});
