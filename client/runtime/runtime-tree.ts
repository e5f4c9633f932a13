/**
 * An index over a compiled structure: every page, panel and question with its parent, in
 * document order, so the runtime looks elements up by name without walking the tree each time.
 */
import type { CompiledPage, CompiledPanel, CompiledQuestion, StructurePayload } from './compiled-types.js';

export type TreeNode =
  | { kind: 'page'; def: CompiledPage; pageIndex: number; parent?: undefined; children: TreeNode[] }
  | { kind: 'panel'; def: CompiledPanel; pageIndex: number; parent: TreeNode; children: TreeNode[] }
  | { kind: 'question'; def: CompiledQuestion; pageIndex: number; parent: TreeNode; children?: undefined };

export type QuestionNode = Extract<TreeNode, { kind: 'question' }>;

export interface Tree {
  pages: Array<Extract<TreeNode, { kind: 'page' }>>;
  /** in document order */
  questions: QuestionNode[];
  byName: Map<string, TreeNode>;
}

export function buildTree(structure: StructurePayload): Tree {
  const tree: Tree = { pages: [], questions: [], byName: new Map() };
  structure.pages.forEach((def, pageIndex) => {
    const page: Extract<TreeNode, { kind: 'page' }> = { kind: 'page', def, pageIndex, children: [] };
    tree.pages.push(page);
    // iterative, in document order: a deep panel nesting must not exhaust the stack
    const stack: Array<{ parent: TreeNode & { children: TreeNode[] }; elements: CompiledPage['elements']; at: number }> = [
      { parent: page, elements: def.elements, at: 0 },
    ];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.at >= top.elements.length) {
        stack.pop();
        continue;
      }
      const element = top.elements[top.at++];
      if (element.type === 'panel') {
        const panel: Extract<TreeNode, { kind: 'panel' }> = { kind: 'panel', def: element, pageIndex, parent: top.parent, children: [] };
        top.parent.children.push(panel);
        tree.byName.set(element.name, panel);
        stack.push({ parent: panel, elements: element.elements, at: 0 });
      } else {
        const question: QuestionNode = { kind: 'question', def: element, pageIndex, parent: top.parent };
        top.parent.children.push(question);
        tree.questions.push(question);
        tree.byName.set(element.name, question);
      }
    }
  });
  return tree;
}

export function isQuestion(node: TreeNode | undefined): node is QuestionNode {
  return node?.kind === 'question';
}

export function isSelect(def: CompiledQuestion): def is Extract<CompiledQuestion, { type: 'radiogroup' | 'checkbox' | 'dropdown' }> {
  return def.type === 'radiogroup' || def.type === 'checkbox' || def.type === 'dropdown';
}
