/**
 * The privacy properties of a definition's questions (`pii`, `quasiIdentifier`, registered in
 * survey-core-setup.ts), which the compiled structure does not carry: read from the definition JSON.
 */
export interface QuestionFlags {
  pii: boolean;
  quasiIdentifier: boolean;
}

/** Questions of inputType email or tel are personal whatever the definition says. */
const PERSONAL_INPUT_TYPES = new Set(['email', 'tel']);

export function questionFlags(definition: Record<string, unknown>): Map<string, QuestionFlags> {
  const flags = new Map<string, QuestionFlags>();
  const visit = (element: unknown) => {
    if (!element || typeof element !== 'object') return;
    const e = element as Record<string, unknown>;
    if (typeof e.name === 'string' && typeof e.type === 'string') {
      const personal = e.pii === true || (e.type === 'text' && PERSONAL_INPUT_TYPES.has(String(e.inputType)));
      flags.set(e.name, { pii: personal, quasiIdentifier: e.quasiIdentifier === true });
    }
    for (const key of ['pages', 'elements', 'templateElements']) {
      if (Array.isArray(e[key])) for (const child of e[key] as unknown[]) visit(child);
    }
  };
  visit(definition);
  return flags;
}
