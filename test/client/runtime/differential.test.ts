/** The differential suite on the example surveys; its deliberate differences from survey-core are listed in differential.ts. */
import { differentialSuite } from './differential.js';

differentialSuite([
  ['surveys', 'migrant-experience'],
  ['surveys', 'stakeholder-policies'],
  ['surveys', 'event-evaluation'],
]);
