/** The differential suite (differential.ts) on the purpose-made surveys that use every supported feature. */
import { differentialSuite } from './differential.js';

differentialSuite([
  ['test/fixtures/surveys', 'all-features'],
  ['test/fixtures/surveys', 'composite-features', 25],
]);
