/** Page flow as survey-core shows it: visible pages, question numbers and progress. */
import type { RuntimeState } from './runtime-state.js';
import { builtIn, format } from './runtime-text.js';
import type { Lookup } from './runtime-text.js';
import type { TreeNode } from './runtime-tree.js';

export interface Progress {
  /** 1-based position among the visible pages; 0 when the page is hidden */
  pageNo: number;
  pageCount: number;
  percent: number;
  text: string;
}

export function visiblePages(state: RuntimeState): number[] {
  return state.tree.pages.filter((p) => state.ownVisible(p)).map((p) => p.pageIndex);
}

/**
 * survey-core's question number ('3.'): visible questions that show a number count, across the
 * survey ('on') or per page ('onPage'); panels continue their page's numbering.
 */
export function questionNumber(state: RuntimeState, target: TreeNode): string {
  const mode = state.structure.questionNumbers;
  if (target.kind !== 'question' || mode === 'off') return '';
  let index = 0;
  for (const page of state.tree.pages) {
    if (mode === 'onPage') index = 0;
    if (!state.ownVisible(page)) continue;
    const stack: TreeNode[] = [...page.children].reverse();
    while (stack.length > 0) {
      const at = stack.pop()!;
      if (!state.ownVisible(at)) continue;
      if (at.kind === 'panel') stack.push(...[...at.children].reverse());
      else if (at.kind === 'question' && at.def.showNumber) {
        if (at === target) return `${index + 1}.`;
        index += 1;
      }
    }
  }
  return '';
}

/** survey-core's progress by pages: the share of visible pages before this one. */
export function progress(state: RuntimeState, pageIndex: number, lookup: Lookup): Progress {
  const pages = visiblePages(state);
  const at = pages.indexOf(pageIndex);
  const percent = pages.length === 0 || at < 0 ? 0 : Math.ceil((at * 100) / pages.length);
  return { pageNo: at + 1, pageCount: pages.length, percent, text: format(builtIn(lookup, 'progressText'), at + 1, pages.length) };
}
