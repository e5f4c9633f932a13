/** The differential suite (differential.ts) on the survey of dynamic panels; survey-core is slow with them, hence fewer runs. */
import { differentialSuite } from './differential.js';

differentialSuite([['test/fixtures/surveys', 'panel-dynamic-features', 40]]);
