/**
 * The compiled paneldynamic: a template of questions, repeated once per panel. Each template
 * question is compiled as the question it is, named as in the template; its visibleIf, enableIf,
 * requiredIf and validators are evaluated once per panel, where `{panel.<name>}` reads that
 * panel's answers and `{panelIndex}` is the panel's position from 0 (in texts, from 1, as
 * survey-core pipes it). The value is `[{ <name>: <answer> }, …]`, one object per panel.
 */
import type { CompiledQuestion, QuestionBase, TextKey } from './compiled-types.js';

export interface PanelDynamicQuestion extends QuestionBase {
  type: 'paneldynamic';
  /** the template's questions, in order (no panels inside) */
  templateElements: CompiledQuestion[];
  /** the panels a new survey starts with (survey-core's panelCount, within min and max) */
  panelCount: number;
  minPanelCount: number;
  maxPanelCount: number;
  allowAddPanel: boolean;
  allowRemovePanel: boolean;
  /** piped per panel */
  templateTitleKey?: TextKey;
  templateTabTitleKey?: TextKey;
  templateDescriptionKey?: TextKey;
  addPanelTextKey: TextKey;
  removePanelTextKey: TextKey;
  noEntriesTextKey: TextKey;
}
