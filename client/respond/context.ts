import type { Runtime, RuntimeError } from '../runtime/runtime.js';
import type { StructurePayload } from '../runtime/compiled-types.js';
import type { Strings } from './boot.js';

/** What every question component reads: the runtime, the page's errors, our strings, and how to answer. */
export interface Ctx {
  rt: Runtime;
  structure: StructurePayload;
  errors: RuntimeError[];
  strings: Strings;
  set(name: string, value: unknown): void;
  /** after an answer changed through another runtime call (a dynamic panel's add, remove or inner answer) */
  changed(name: string): void;
}
