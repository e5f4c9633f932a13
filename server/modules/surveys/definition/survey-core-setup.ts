/**
 * The one place the server imports survey-core. Serializer is a process-wide singleton, so our
 * custom properties must be registered before any definition is loaded or validated; importing
 * survey-core through this module guarantees that. Without the registration survey-core reports
 * `pii` and `quasiIdentifier` as unknown properties, and the export module could not read them.
 */
import { ConditionsParser, ElementFactory, Model, Serializer } from 'survey-core';

export { ConditionsParser, ElementFactory, Model, Serializer };
export type { JsonError, JsonObjectProperty } from 'survey-core';

/** Question properties the export module relies on to pseudonymise or drop answers. */
export const CUSTOM_QUESTION_PROPERTIES = [
  { name: 'pii', type: 'boolean', default: false, category: 'privacy' },
  { name: 'quasiIdentifier', type: 'boolean', default: false, category: 'privacy' },
] as const;

/** Safe to call again (tests, hot reload): a property already present is left alone. */
export function registerCustomProperties(): void {
  for (const property of CUSTOM_QUESTION_PROPERTIES) {
    if (Serializer.findProperty('question', property.name)) continue;
    Serializer.addProperty('question', { ...property });
  }
}

registerCustomProperties();
