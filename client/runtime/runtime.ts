/**
 * The phone's survey engine: loads a compiled survey (structure + one locale's texts), holds the
 * respondent's answers and answers every question the renderer and the intake ask, with
 * survey-core's semantics. No survey-core, no DOM: it runs unchanged in browsers and in Node.
 */
import type { PanelDynamicQuestion } from './compiled-panel-types.js';
import type { StructurePayload, TextsPayload } from './compiled-types.js';
import { visibleChoices } from './runtime-choices.js';
import type { SelectNode, VisibleChoice } from './runtime-choices.js';
import { completeData } from './runtime-complete.js';
import { validatePage } from './runtime-validate-page.js';
import type { RuntimeError } from './runtime-errors.js';
import { progress, questionNumber, visiblePages } from './runtime-pages.js';
import type { Progress } from './runtime-pages.js';
import { Reactions } from './runtime-reactions.js';
import { cellChoices, cellState, findCell, isMatrixDropdown, visibleColumns } from './runtime-matrix.js';
import type { CellState, MatrixNode } from './runtime-matrix.js';
import { correctMatrix } from './runtime-matrix-correct.js';
import { isRanking, rankingChoices } from './runtime-ranking.js';
import { RuntimeState } from './runtime-state.js';
import { PanelScope, correctPanels, findInner, innerChoices, innerState, isPanelDynamic, panelCount, panelResolver } from './runtime-panels.js';
import type { PanelNode } from './runtime-panels.js';
import { setOrDelete } from './runtime-state.js';
import { textsOf } from './runtime-text.js';
import { isPlainObject } from './values.js';
import { isQuestion, isSelect } from './runtime-tree.js';

export type { ErrorKind, RuntimeError } from './runtime-errors.js';
export type { VisibleChoice } from './runtime-choices.js';
export type { Progress } from './runtime-pages.js';
export type { CellState } from './runtime-matrix.js';
export type { PanelDynamicQuestion } from './compiled-panel-types.js';

export interface Runtime {
  /** One answer, as survey-core's setValue takes it; `<name>-Comment` holds an "other" text. */
  setValue(name: string, value: unknown): void;
  /** Replaces all answers at once (a resumed or submitted response), like survey-core's `model.data =`. */
  setData(data: Record<string, unknown>): void;
  getValue(name: string): unknown;
  getData(): Record<string, unknown>;
  /** A calculated value's current value. */
  variable(name: string): unknown;
  /** The element's own visibility (survey-core's `isVisible`); false for unknown names. */
  isVisible(name: string): boolean;
  /** Visible, and so is every panel and the page around it. */
  isVisibleInSurvey(name: string): boolean;
  isEnabled(name: string): boolean;
  isRequired(name: string): boolean;
  isPageVisible(pageIndex: number): boolean;
  /** indexes into structure.pages of the pages shown, in order */
  visiblePages(): number[];
  visibleChoices(name: string): VisibleChoice[];
  /**
   * Errors of the page at `pageIndex` (an index into structure.pages), texts in the payload's
   * language. Like survey-core, validating first drops choice answers whose choice is hidden.
   */
  pageErrors(pageIndex: number): RuntimeError[];
  /** The data as survey-core stores it on completion. Leaves the runtime's own answers unchanged. */
  completedData(): Record<string, unknown>;
  /** A text of the payload, with `{name}` placeholders piped. */
  text(key: string | undefined): string;
  /** A question's or panel's title as shown; a question without one shows its name. */
  title(name: string): string;
  /** survey-core's question number, e.g. '3.'; '' when unnumbered. */
  questionNumber(name: string): string;
  progress(pageIndex: number): Progress;
  /** A matrixdropdown's columns shown (survey-core's visibleColumns), by name; [] for other names. */
  matrixColumns(name: string): string[];
  /** One cell of a matrixdropdown, by row value (as text) and column name. */
  cell(name: string, row: string, column: string): CellState | undefined;
  /** The choices of a choice cell. */
  cellChoices(name: string, row: string, column: string): VisibleChoice[];
  /** A paneldynamic's number of panels (survey-core's panelCount); 0 for other names. */
  panelCount(name: string): number;
  /** Adds an empty panel at the end, as survey-core's "Add" button does; false when the survey does not allow it now. */
  addPanel(name: string): boolean;
  /** Removes the panel at `index` (from 0), as survey-core's "Remove" button does; false when the survey does not allow it now. */
  removePanel(name: string, index: number): boolean;
  /** One answer inside a panel, as survey-core's template question takes it. */
  setPanelValue(name: string, index: number, inner: string, value: unknown): void;
  /** One question of one panel, by panel index (from 0) and its name in the template. */
  panelQuestion(name: string, index: number, inner: string): CellState | undefined;
  /** The choices of a choice question of a panel. */
  panelChoices(name: string, index: number, inner: string): VisibleChoice[];
  /** A text of one panel (its templateTitle, a question's title…) with `{panelIndex}` (from 1) and `{panel.<name>}` piped for that panel. */
  panelText(name: string, index: number, key: string | undefined): string;
}

export function createRuntime(structure: StructurePayload, texts: TextsPayload): Runtime {
  const state = new RuntimeState(structure);
  const reactions = new Reactions(state);
  const { lookup, text } = textsOf(state, texts);
  const node = (name: string) => state.node(name);

  return {
    setValue: (name, value) => reactions.assign(name, value),
    setData: (data) => reactions.replace(data),
    getValue: (name) => structuredClone(state.data[name]),
    getData: () => structuredClone(state.data),
    variable: (name) => structuredClone(state.variables[name]),
    isVisible: (name) => {
      const target = node(name);
      return !!target && state.ownVisible(target);
    },
    isVisibleInSurvey: (name) => {
      const target = node(name);
      return !!target && state.visibleInSurvey(target);
    },
    isEnabled: (name) => {
      const target = node(name);
      return !!target && !state.readOnly(target);
    },
    isRequired: (name) => {
      const target = node(name);
      return !!target && state.required(target);
    },
    isPageVisible: (pageIndex) => {
      const page = state.tree.pages[pageIndex];
      return !!page && state.ownVisible(page);
    },
    visiblePages: () => visiblePages(state),
    visibleChoices(name) {
      const target = node(name);
      if (!isQuestion(target)) return [];
      if (isRanking(target.def)) return rankingChoices(state, target.def);
      return isSelect(target.def) ? visibleChoices(state, target.def) : [];
    },
    pageErrors(pageIndex) {
      const page = state.tree.pages[pageIndex];
      if (!page) return [];
      return validatePage(state, page, lookup, (q) => {
        if (isSelect(q.def) && reactions.correct(q as SelectNode)) reactions.settle();
        if (isPanelDynamic(q.def) && correctPanels(q.def, state.data, (i, inner) => !!innerState(state, q as PanelNode, i, inner)?.visible)) {
          state.changed();
          reactions.settle();
        }
        if (isMatrixDropdown(q.def) && correctMatrix(q.def, state.data, (row, column) => cellState(state, q as MatrixNode, row, column).visible)) {
          state.changed();
          reactions.settle();
        }
      });
    },
    completedData: () => completeData(state),
    text,
    title(name) {
      const target = node(name);
      if (!target) return '';
      const title = text(target.def.titleKey);
      return title === '' && target.kind === 'question' ? target.def.name : title;
    },
    questionNumber(name) {
      const target = node(name);
      return target ? questionNumber(state, target) : '';
    },
    progress: (pageIndex) => progress(state, pageIndex, lookup),
    matrixColumns(name) {
      const target = node(name);
      return isQuestion(target) && isMatrixDropdown(target.def) ? visibleColumns(state, target as MatrixNode).map((c) => c.name) : [];
    },
    cell(name, row, column) {
      const found = findCell(node(name), row, column);
      return found && cellState(state, found.matrix, found.row, found.column);
    },
    cellChoices(name, row, column) {
      const found = findCell(node(name), row, column);
      return found ? cellChoices(found.column.cell) : [];
    },
    panelCount(name) {
      const panel = panelNode(name);
      return panel ? panelCount(state, panel.def) : 0;
    },
    addPanel(name) {
      const panel = panelNode(name);
      const count = panel ? panelCount(state, panel.def) : 0;
      if (!panel?.def.allowAddPanel || state.readOnly(panel) || count >= panel.def.maxPanelCount) return false;
      reactions.setPanels(name, [...panels(panel.def, count), {}]);
      return true;
    },
    removePanel(name, index) {
      const panel = panelNode(name);
      const count = panel ? panelCount(state, panel.def) : 0;
      if (!panel?.def.allowRemovePanel || state.readOnly(panel) || count <= panel.def.minPanelCount || !(index >= 0 && index < count)) return false;
      reactions.setPanels(name, panels(panel.def, count).filter((_, i) => i !== index));
      return true;
    },
    setPanelValue(name, index, inner, value) {
      const found = findInner(node(name), index, inner);
      const count = found ? panelCount(state, found.panel.def) : 0;
      if (!found || index >= count) return;
      const next = panels(found.panel.def, count);
      setOrDelete(next[index], inner, structuredClone(value));
      reactions.setPanels(name, next);
    },
    panelQuestion(name, index, inner) {
      const found = findInner(node(name), index, inner);
      return found && innerState(state, found.panel, index, found.def);
    },
    panelChoices(name, index, inner) {
      const found = findInner(node(name), index, inner);
      return found && index < panelCount(state, found.panel.def) ? innerChoices(found.def, new PanelScope(state, found.panel.def, index).values[inner]) : [];
    },
    panelText(name, index, key) {
      const panel = panelNode(name);
      return text(key, panel && panelResolver(state, panel.def, index, text));
    },
  };

  function panelNode(name: string): PanelNode | undefined {
    const target = node(name);
    return isQuestion(target) && isPanelDynamic(target.def) ? (target as PanelNode) : undefined;
  }

  /** The answer's panels, one object each (copied), as many as are shown. */
  function panels(def: PanelDynamicQuestion, count: number): Array<Record<string, unknown>> {
    const value = state.data[def.name];
    return Array.from({ length: count }, (_, i) => (Array.isArray(value) && isPlainObject(value[i]) ? structuredClone(value[i]) : {}));
  }
}
