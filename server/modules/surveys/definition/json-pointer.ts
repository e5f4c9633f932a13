/** RFC 6901 JSON pointers, and the plain-object test every walker here needs. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function childPointer(pointer: string, token: string | number): string {
  return `${pointer}/${escapeToken(token)}`;
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The container holding the value a pointer names, and the token naming it inside that container. */
export function locateParent(root: unknown, pointer: string): { container: Record<string, unknown> | unknown[]; token: string } | undefined {
  const tokens = parsePointer(pointer);
  const last = tokens.pop();
  if (last === undefined) return undefined;
  let node: unknown = root;
  for (const token of tokens) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isRecord(node) && Object.hasOwn(node, token)) node = node[token];
    else return undefined;
  }
  if (Array.isArray(node) || isRecord(node)) return { container: node, token: last };
  return undefined;
}
