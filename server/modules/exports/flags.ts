/**
 * The privacy properties of a definition's questions (`pii`, `quasiIdentifier`, registered in
 * survey-core-setup.ts), which the compiled structure does not carry: read from the definition JSON.
 */
export interface QuestionFlags {
  type: string;
  pii: boolean;
  quasiIdentifier: boolean;
  /** a template question of a dynamic panel: the panel question's name */
  panel?: string;
  /** matrixdropdown columns that collect contact data (inputType email or tel, or an email validator) */
  personalColumns?: Set<string>;
}

/** Questions of inputType email or tel are personal whatever the definition says. */
const PERSONAL_INPUT_TYPES = new Set(['email', 'tel']);

/** An input that collects an email address or a phone number, however it is labelled. */
function collectsContact(e: Record<string, unknown>): boolean {
  return PERSONAL_INPUT_TYPES.has(String(e.inputType))
    || (Array.isArray(e.validators) && e.validators.some((v) => (v as { type?: unknown } | null)?.type === 'email'));
}

/** Template questions are keyed by their panel question and their own name (a template may reuse a name of the survey). */
export const templateKey = (panel: string, name: string) => `${panel}\u0000${name}`;

export function questionFlags(definition: Record<string, unknown>): Map<string, QuestionFlags> {
  const flags = new Map<string, QuestionFlags>();
  const visit = (element: unknown, panel?: string) => {
    if (!element || typeof element !== 'object') return;
    const e = element as Record<string, unknown>;
    if (typeof e.name === 'string' && typeof e.type === 'string') {
      const personal = e.pii === true || ((e.type === 'text' || e.type === 'comment') && collectsContact(e));
      const f: QuestionFlags = { type: e.type, pii: personal, quasiIdentifier: e.quasiIdentifier === true, ...(panel ? { panel } : {}) };
      if (Array.isArray(e.columns) && e.type !== 'matrix') {
        const columns = (e.columns as Array<Record<string, unknown> | null>).filter((c) => c && typeof c.name === 'string' && collectsContact(c));
        if (columns.length) f.personalColumns = new Set(columns.map((c) => String(c!.name)));
      }
      flags.set(panel ? templateKey(panel, e.name) : e.name, f);
    }
    for (const key of ['pages', 'elements']) {
      if (Array.isArray(e[key])) for (const child of e[key] as unknown[]) visit(child, panel);
    }
    if (Array.isArray(e.templateElements) && typeof e.name === 'string') for (const child of e.templateElements as unknown[]) visit(child, e.name);
  };
  visit(definition);
  return flags;
}
