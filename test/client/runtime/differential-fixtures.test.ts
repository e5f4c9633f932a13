/** The differential suite (differential.ts) on the purpose-made survey of the common question types. */
import { differentialSuite } from './differential.js';

differentialSuite([
  ['test/fixtures/surveys', 'all-features'],
]);
