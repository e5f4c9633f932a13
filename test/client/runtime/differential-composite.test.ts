/** The differential suite (differential.ts) on the survey of rankings, matrices and display elements; survey-core is slow with matrices, hence fewer runs. */
import { differentialSuite } from './differential.js';

differentialSuite([['test/fixtures/surveys', 'composite-features', 25]]);
