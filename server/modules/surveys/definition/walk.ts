/**
 * A metadata-driven walk over a definition. Which properties hold child objects, and of which
 * class, comes from survey-core's Serializer rather than a hand-kept list, so new question types
 * and properties in a survey-core upgrade are covered without edits here.
 */
import { childPointer, isRecord } from './json-pointer.js';
import { Serializer } from './survey-core-setup.js';
import type { JsonObjectProperty } from './survey-core-setup.js';

/** Deeper panels are a mistake or an attack; either way the walk (and survey-core) must stop. */
export const MAX_ELEMENT_NESTING = 20;
const MAX_OBJECT_DEPTH = 100;

export interface WalkNode {
  json: Record<string, unknown>;
  className: string;
  pointer: string;
  key: string;
  /** the property of the parent that holds this node */
  via?: JsonObjectProperty;
  parent?: WalkNode;
  /** element names must be unique per scope: '' for the survey, or a dynamic panel's key */
  scope: string;
  elementDepth: number;
  objectDepth: number;
}

export type Primitive = string | number | boolean;

export interface WalkVisitor {
  node?(node: WalkNode): void;
  property?(node: WalkNode, name: string, property: JsonObjectProperty, value: unknown): void;
  items?(owner: WalkNode, property: JsonObjectProperty, items: unknown[], pointer: string): void;
  /** a choice written as a bare value ("yes", 3 or "yes|Yes, please") */
  primitiveItem?(owner: WalkNode, item: { value: Primitive; text?: string }, pointer: string, key: string): void;
  problem?(pointer: string, code: string, message: string): void;
  /** a value the walk could not descend into: `container[key]` */
  rejected?(container: Record<string, unknown> | unknown[], key: string | number): void;
}

export function walkDefinition(definition: Record<string, unknown>, visitor: WalkVisitor): void {
  visitNode({ json: definition, className: 'survey', pointer: '', key: 'survey', scope: '', elementDepth: 0, objectDepth: 0 }, visitor);
}

export function isElementProperty(property: JsonObjectProperty | undefined): boolean {
  return property?.baseClassName === 'question';
}

export function isItemValueClass(className: string | undefined): boolean {
  return !!className && (className === 'itemvalue' || Serializer.isDescendantOf(className, 'itemvalue'));
}

/** survey-core splits bare choice strings at `|` into value and text. */
export function splitShorthand(item: Primitive): { value: Primitive; text?: string } {
  if (typeof item !== 'string' || !item.includes('|')) return { value: item };
  const at = item.indexOf('|');
  return { value: item.slice(0, at), text: item.slice(at + 1) };
}

/** Matrix columns take the properties of their cell question type (choices, placeholder…) as well. */
export function findProperty(node: WalkNode, name: string): JsonObjectProperty | undefined {
  const own = Serializer.findProperty(node.className, name) ?? undefined;
  if (own || node.className !== 'matrixdropdowncolumn') return own;
  for (const cellType of [node.json.cellType, node.parent?.json.cellType]) {
    if (typeof cellType === 'string' && cellType !== 'default' && Serializer.findClass(cellType)) {
      return Serializer.findProperty(cellType, name) ?? undefined;
    }
  }
  return Serializer.findProperty('dropdown', name) ?? undefined;
}

function visitNode(node: WalkNode, visitor: WalkVisitor): void {
  visitor.node?.(node);
  for (const [name, value] of Object.entries(node.json)) {
    const property = findProperty(node, name);
    if (!property) continue;
    visitor.property?.(node, name, property, value);
    const structural = !!property.baseClassName || (!!property.className && !!Serializer.findClass(property.className));
    if (!structural || value === undefined || value === null) continue;
    const pointer = childPointer(node.pointer, name);
    if (property.isArray) {
      if (!Array.isArray(value)) {
        visitor.problem?.(pointer, 'shape', `'${name}' must be an array`);
        visitor.rejected?.(node.json, name);
        continue;
      }
      visitor.items?.(node, property, value, pointer);
      value.forEach((item, index) => {
        if (!visitItem(node, property, item, index, childPointer(pointer, index), visitor)) visitor.rejected?.(value, index);
      });
    } else if (isRecord(value)) {
      const className = Serializer.findClass(property.className).name;
      if (!visitChild(node, property, value, className, pointer, `${node.key}/${name}`, node.scope, visitor)) visitor.rejected?.(node.json, name);
    } else {
      visitor.problem?.(pointer, 'shape', `'${name}' must be an object`);
      visitor.rejected?.(node.json, name);
    }
  }
}

/** false when the item is unusable */
function visitItem(owner: WalkNode, property: JsonObjectProperty, item: unknown, index: number, pointer: string, visitor: WalkVisitor): boolean {
  if (!isRecord(item)) {
    if (isItemValueClass(property.className) && (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')) {
      const split = splitShorthand(item);
      visitor.primitiveItem?.(owner, split, pointer, itemKey(owner, property, undefined, split.value, index));
      return true;
    }
    visitor.problem?.(pointer, 'shape', `Each item of '${property.name}' must be an object`);
    return false;
  }
  const className = resolveClass(property, item, pointer, visitor);
  if (!className) return false;
  const name = typeof item.name === 'string' && item.name !== '' ? item.name : undefined;
  const value = item.value;
  const key = itemKey(owner, property, name, value, index, className);
  const scope = property.name === 'templateElements' ? owner.key : owner.scope;
  return visitChild(owner, property, item, className, pointer, key, scope, visitor);
}

function visitChild(owner: WalkNode, via: JsonObjectProperty, json: Record<string, unknown>, className: string,
  pointer: string, key: string, scope: string, visitor: WalkVisitor): boolean {
  const elementDepth = owner.elementDepth + (isElementProperty(via) ? 1 : 0);
  const objectDepth = owner.objectDepth + 1;
  if (elementDepth > MAX_ELEMENT_NESTING || objectDepth > MAX_OBJECT_DEPTH) {
    visitor.problem?.(pointer, 'depth', `Elements are nested more than ${MAX_ELEMENT_NESTING} levels deep`);
    return false;
  }
  visitNode({ json, className, pointer, key, via, parent: owner, scope, elementDepth, objectDepth }, visitor);
  return true;
}

function resolveClass(property: JsonObjectProperty, item: Record<string, unknown>, pointer: string, visitor: WalkVisitor): string | undefined {
  const base = property.baseClassName;
  if (!base) return Serializer.findClass(property.className).name;
  const what = base === 'question' ? 'element' : base.replace(/^survey/, '');
  const type = item.type;
  if (type === undefined) {
    visitor.problem?.(pointer, 'type', `The ${what} has no type`);
    return undefined;
  }
  if (typeof type !== 'string' || type === '') {
    visitor.problem?.(childPointer(pointer, 'type'), 'type', `The ${what} type must be a non-empty string`);
    return undefined;
  }
  const part = property.classNamePart ?? '';
  const cls = Serializer.findClass(type + part);
  const fits = !!cls?.creator && (base === 'question'
    ? cls.name === 'panel' || Serializer.isDescendantOf(cls.name, 'question')
    : Serializer.isDescendantOf(cls.name, base));
  if (!cls || !fits) {
    visitor.problem?.(childPointer(pointer, 'type'), 'type', `Unknown ${what} type '${type}'`);
    return undefined;
  }
  const expected = cls.name.slice(0, cls.name.length - part.length);
  // survey-core matches types case-insensitively, but our compiler and exports compare them exactly
  if (type !== expected) visitor.problem?.(childPointer(pointer, 'type'), 'type', `Write the ${what} type '${type}' as '${expected}'`);
  return cls.name;
}

function itemKey(owner: WalkNode, property: JsonObjectProperty, name: string | undefined, value: unknown,
  index: number, className?: string): string {
  const usable = (typeof value === 'string' && value !== '') || typeof value === 'number' || typeof value === 'boolean';
  const id = name ?? (usable ? String(value) : String(index));
  if (property.name === 'pages') return `page:${id}`;
  if (isElementProperty(property)) {
    if (name === undefined) return `${owner.key}/${property.name}:${index}`;
    const segment = `${className === 'panel' ? 'panel' : 'question'}:${name}`;
    const scope = property.name === 'templateElements' ? owner.key : owner.scope;
    return scope ? `${scope}/${segment}` : segment;
  }
  const singular = property.name.endsWith('s') ? property.name.slice(0, -1) : property.name;
  return `${owner.key}/${singular}:${id}`;
}
