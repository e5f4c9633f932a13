/** Content hashes of payloads: sha256 of their canonical JSON, so equal content hashes equally. */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level; undefined properties left out as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) sorted[key] = sortKeys(item);
  }
  return sorted;
}

/** The first 16 hex digits of the sha256 of the canonical JSON of `payload` without its `hash`. */
export function contentHash(payload: object): string {
  const { hash: _ignored, ...content } = payload as Record<string, unknown>;
  return createHash('sha256').update(canonicalJson(content)).digest('hex').slice(0, 16);
}

/** The payload in canonical form with its hash set. */
export function withHash<T extends { hash: string }>(payload: Omit<T, 'hash'>): T {
  const canonical = JSON.parse(canonicalJson(payload)) as Record<string, unknown>;
  return { ...canonical, hash: contentHash(canonical) } as unknown as T;
}
