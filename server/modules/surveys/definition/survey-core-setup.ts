/**
 * The one place the server imports survey-core. Serializer is a process-wide singleton, so our
 * custom properties must be registered before any definition is loaded or validated; importing
 * survey-core through this module guarantees that. Without the registration survey-core reports
 * `pii`, `quasiIdentifier`, `privacyNotice` and `consentRequired` as unknown properties, and the export module could not read them.
 */
import { ConditionsParser, ElementFactory, Model, Serializer } from 'survey-core';

export { ConditionsParser, ElementFactory, Model, Serializer };
export type { JsonError, JsonObjectProperty } from 'survey-core';

/** Question properties the export module relies on to pseudonymise or drop answers. */
export const CUSTOM_QUESTION_PROPERTIES = [
  { name: 'pii', type: 'boolean', default: false, category: 'privacy' },
  { name: 'quasiIdentifier', type: 'boolean', default: false, category: 'privacy' },
] as const;

/**
 * Survey properties of ours: the privacy notice shown before the first question (translated like
 * every other text) and whether the respondent must consent to it before answering.
 */
export const CUSTOM_SURVEY_PROPERTIES = [
  { name: 'privacyNotice', type: 'text', isLocalizable: true, category: 'privacy' },
  { name: 'consentRequired', type: 'boolean', default: false, category: 'privacy' },
] as const;

/** Safe to call again (tests, hot reload): a property already present is left alone. */
export function registerCustomProperties(): void {
  for (const property of CUSTOM_QUESTION_PROPERTIES) {
    if (Serializer.findProperty('question', property.name)) continue;
    Serializer.addProperty('question', { ...property });
  }
  for (const property of CUSTOM_SURVEY_PROPERTIES) {
    if (Serializer.findProperty('survey', property.name)) continue;
    Serializer.addProperty('survey', { ...property });
  }
}

registerCustomProperties();
