/**
 * The same observation of one answer set, made twice: once through survey-core's Model (the
 * reference) and once through our runtime, so the differential tests can compare them whole.
 */
import type { PageModel, PanelModel, Question, QuestionSelectBase, SurveyError, SurveyModel } from 'survey-core';
import type { StructurePayload, TextsPayload } from '../../../client/runtime/compiled-types.js';
import { createRuntime } from '../../../client/runtime/runtime.js';
import type { ErrorKind, Runtime } from '../../../client/runtime/runtime.js';
import { Model } from '../../../server/modules/surveys/definition/survey-core-setup.js';
import { observeMatrix, runtimeMatrix } from './observe-matrix.js';
import type { MatrixDropdown } from './observe-matrix.js';
import { observePanels, runtimePanels } from './observe-panels.js';
import type { PanelDynamic, PanelsObservation } from './observe-panels.js';

export interface ElementState {
  visible: boolean;
  inSurvey: boolean;
  enabled: boolean;
  required: boolean;
  title: string;
  description: string;
  number?: string;
  /** html: the piped html; image: the piped link and alternative text */
  content?: string[];
}

export interface Observation {
  data: Record<string, unknown>;
  elements: Record<string, ElementState>;
  choices: Record<string, Array<{ value: unknown; enabled: boolean; text: string }>>;
  /** matrixdropdowns: the columns shown, and every cell by row value and column name */
  matrices: Record<string, { columns: string[]; cells: Record<string, Record<string, CellObservation>> }>;
  /** paneldynamics: the panel count, and every panel's title and questions */
  panels: Record<string, PanelsObservation>;
  pages: Array<{ visible: boolean; title: string }>;
  visiblePages: number[];
  /** per page: the errors of a full validation, in document order */
  errors: Array<Array<{ owner: string; type: string; text: string }>>;
  /** the answers after validating every page (validation drops answers whose choices are hidden) */
  validated: Record<string, unknown>;
  variables: Record<string, unknown>;
  progress: Array<{ text: string; percent: number }>;
  surveyTitle: string;
  surveyDescription: string;
  completedHtml: string;
  completed: Record<string, unknown>;
}

export interface CellObservation {
  visible: boolean;
  enabled: boolean;
  required: boolean;
  choices?: Array<{ value: unknown; enabled: boolean; text: string }>;
}

/** Our error kinds as survey-core's error classes report themselves (getErrorType()). */
const SURVEY_CORE_ERROR_TYPE: Record<ErrorKind, string> = {
  required: 'required',
  requiredInPanel: 'requireoneanswer',
  other: 'otherempty',
  allRows: 'requiredinallrowserror',
  numeric: 'requirenumeric',
  minSelected: 'custom', min: 'custom', max: 'custom', step: 'custom', email: 'custom', minLength: 'custom', maxLength: 'custom',
  digits: 'custom', regex: 'custom', expression: 'custom', answercount: 'custom', maxSelected: 'custom', tooLong: 'custom',
};

export interface Answers {
  /** undefined: the survey as loaded, defaults included; else replaces all data, like `model.data =` */
  data?: Record<string, unknown>;
  /** then these, one by one, as a respondent would give them */
  steps?: Array<[string, unknown]>;
}

/** The reference observation, from a Model made for this answer set alone. */
export function observeSurveyCore(json: Record<string, unknown>, answers: Answers, locale: string): Observation {
  const model = new Model(structuredClone(json));
  try {
    return observeAnswers(model, answers, locale);
  } finally {
    model.dispose();
  }
}

/**
 * A quicker reference: one Model per survey, reset with clear() before each answer set (making a
 * Model costs ~25 ms, the rest of an observation ~10 ms). A reset might leave some state behind,
 * so a difference found this way must be confirmed with observeSurveyCore before it counts.
 */
export function reusableSurveyCore(json: Record<string, unknown>): (answers: Answers, locale: string) => Observation {
  const model = new Model(structuredClone(json));
  return (answers, locale) => {
    model.clear(true, true);
    return observeAnswers(model, answers, locale);
  };
}

function observeAnswers(model: SurveyModel, answers: Answers, locale: string): Observation {
  model.locale = locale === 'default' ? '' : locale;
  // survey-core builds a paneldynamic's panels (storing them, empty) when it first shows it, so
  // one on a later page has none until the respondent gets there; a respondent always sees them
  // built, and our runtime builds them at load: so survey-core builds them all first here
  for (const q of model.getAllQuestions()) if (q.getType() === 'paneldynamic') void (q as unknown as PanelDynamic).panels;
  if (answers.data) model.data = structuredClone(answers.data);
  for (const [name, value] of answers.steps ?? []) {
    // an "other" text, as survey-core's own input sets it
    if (name.endsWith('-Comment')) model.setComment(name.slice(0, -'-Comment'.length), value as string);
    else model.setValue(name, structuredClone(value));
  }
  return observeModel(model);
}

function observeModel(model: SurveyModel): Observation {
  const data = structuredClone(model.data);
  const elements: Record<string, ElementState> = {};
  const choices: Observation['choices'] = {};
  const matrices: Observation['matrices'] = {};
  const panels: Observation['panels'] = {};
  // A visibility change made while survey-core already runs conditions (a ranking re-ranked by
  // new answers) leaves question numbers stale until the next change; we compare the numbering
  // of the current visibility, which survey-core shows from its next update on.
  (model as unknown as { updateVisibleIndexes(): void }).updateVisibleIndexes();
  for (const q of model.getAllQuestions() as Question[]) {
    elements[q.name] = {
      visible: q.isVisible, inSurvey: q.isVisible && q.isParentVisible, enabled: !q.isReadOnly, required: q.isRequired,
      title: q.processedTitle, description: q.locDescription.renderedHtml, number: q.no,
    };
    const display = q as unknown as Record<string, { renderedHtml: string }>;
    if (q.getType() === 'html') elements[q.name].content = [display.locHtml.renderedHtml];
    if (q.getType() === 'image') elements[q.name].content = [display.locImageLink.renderedHtml, display.locAltText.renderedHtml];
    if (q.getType() === 'matrixdropdown') matrices[q.name] = observeMatrix(q);
    if (q.getType() === 'paneldynamic') panels[q.name] = observePanels(q);
    if (['radiogroup', 'checkbox', 'dropdown', 'ranking'].includes(q.getType())) {
      const select = q as QuestionSelectBase;
      const selectAll = (select as unknown as { selectAllItem?: unknown }).selectAllItem;
      choices[q.name] = select.visibleChoices.map((item) => ({
        value: item === selectAll ? '' : item.value, enabled: item.isEnabled, text: item.locText.renderedHtml,
      }));
    }
  }
  for (const p of model.getAllPanels() as PanelModel[]) {
    elements[p.name] = {
      visible: p.isVisible, inSurvey: panelInSurvey(p), enabled: !p.isReadOnly, required: p.isRequired,
      title: p.locTitle.renderedHtml, description: p.locDescription.renderedHtml,
    };
  }
  const pages = model.pages.map((page) => ({ visible: page.isVisible, title: page.locTitle.renderedHtml }));
  const visiblePages = model.visiblePages.map((page) => model.pages.indexOf(page));
  const errors = model.pages.map((page) => {
    page.hasErrors(true, false);
    return pageErrors(page);
  });
  const validated = structuredClone(model.data);
  const variables = Object.fromEntries(model.calculatedValues.map((c) => [c.name, structuredClone(model.getVariable(c.name))]));
  // the first and the last visible page only: every page change makes survey-core validate and re-render
  const progress = firstAndLast(model.visiblePages.length).map((i) => {
    model.currentPage = model.visiblePages[i];
    return { text: model.progressText, percent: model.progressValue };
  });
  const titles = { surveyTitle: model.locTitle.renderedHtml, surveyDescription: model.locDescription.renderedHtml, completedHtml: model.processedCompletedHtml };
  model.doComplete();
  return { data, elements, choices, matrices, panels, pages, visiblePages, errors, validated, variables, progress, ...titles, completed: structuredClone(model.data) };
}

function pageErrors(page: PageModel): Observation['errors'][number] {
  const out: Observation['errors'][number] = [];
  const collect = (owner: string, errors: SurveyError[]) => {
    for (const error of errors) out.push({ owner, type: error.getErrorType(), text: error.getText() });
  };
  const walk = (container: PanelModel | PageModel) => {
    for (const element of container.elements) {
      if (element.isPanel) walk(element as unknown as PanelModel);
      else {
        collect(element.name, (element as unknown as Question).errors);
        if ((element as unknown as Question).getType() === 'matrixdropdown') {
          for (const row of (element as unknown as MatrixDropdown).visibleRows) {
            for (const cell of row.cells) collect(`${element.name}/${String(row.rowName)}/${cell.column.name}`, cell.question.errors);
          }
        }
        if ((element as unknown as Question).getType() === 'paneldynamic') {
          (element as unknown as PanelDynamic).panels.forEach((panel, i) => {
            for (const inner of panel.questions) collect(`${element.name}/${i}/${inner.name}`, inner.errors);
          });
        }
      }
    }
    collect(container.name, container.errors);
  };
  walk(page);
  return out;
}

export function observeRuntime(structure: StructurePayload, texts: TextsPayload, answers: Answers): Observation {
  const runtime = createRuntime(structure, texts);
  if (answers.data) runtime.setData(answers.data);
  for (const [name, value] of answers.steps ?? []) runtime.setValue(name, value);
  return observe(runtime, structure);
}

function observe(runtime: Runtime, structure: StructurePayload): Observation {
  const data = runtime.getData();
  const elements: Record<string, ElementState> = {};
  const choices: Observation['choices'] = {};
  const matrices: Observation['matrices'] = {};
  const panels: Observation['panels'] = {};
  const visit = (items: StructurePayload['pages'][number]['elements']) => {
    for (const element of items) {
      const state = {
        visible: runtime.isVisible(element.name), inSurvey: runtime.isVisibleInSurvey(element.name),
        enabled: runtime.isEnabled(element.name), required: runtime.isRequired(element.name), title: runtime.title(element.name),
        description: runtime.text(element.descriptionKey),
      };
      if (element.type === 'panel') {
        elements[element.name] = state;
        visit(element.elements);
        continue;
      }
      elements[element.name] = { ...state, number: runtime.questionNumber(element.name) };
      if (element.type === 'matrixdropdown') matrices[element.name] = runtimeMatrix(runtime, element);
      if (element.type === 'paneldynamic') panels[element.name] = runtimePanels(runtime, element);
      if (element.type === 'html') elements[element.name].content = [runtime.text(element.htmlKey)];
      if (element.type === 'image') elements[element.name].content = [runtime.text(element.imageLinkKey), runtime.text(element.altTextKey)];
      if (element.type === 'radiogroup' || element.type === 'checkbox' || element.type === 'dropdown' || element.type === 'ranking') {
        choices[element.name] = runtime.visibleChoices(element.name).map((c) => ({ value: c.value, enabled: c.enabled, text: runtime.text(c.textKey) }));
      }
    }
  };
  structure.pages.forEach((page) => visit(page.elements));
  const pages = structure.pages.map((page, i) => ({ visible: runtime.isPageVisible(i), title: runtime.text(page.titleKey) }));
  // as survey-core's are: before validation, which may drop answers and so change pages
  const visiblePages = runtime.visiblePages();
  const errors = structure.pages.map((_, i) => runtime.pageErrors(i)
    // deliberately stricter than survey-core's validate(): maxSelectedChoices and maxLength
    .filter((e) => !e.strict)
    .map((e) => ({ owner: e.panel !== undefined ? `${e.question}/${e.panel}/${e.inner}` : e.row === undefined ? e.question : `${e.question}/${e.row}/${e.column}`, type: SURVEY_CORE_ERROR_TYPE[e.kind], text: e.text })));
  const validated = runtime.getData();
  const variables = Object.fromEntries(structure.calculatedValues.map((c) => [c.name, runtime.variable(c.name)]));
  const shown = runtime.visiblePages();
  const progress = firstAndLast(shown.length).map((i) => {
    const p = runtime.progress(shown[i]);
    return { text: p.text, percent: p.percent };
  });
  return {
    data, elements, choices, matrices, panels, pages, visiblePages, errors, validated, variables, progress,
    surveyTitle: runtime.text(structure.titleKey), surveyDescription: runtime.text(structure.descriptionKey),
    completedHtml: runtime.text(structure.completedHtmlKey), completed: runtime.completedData(),
  };
}

/** The path and both values of the first difference, or undefined when equal (key order ignored). */
export function firstDifference(a: unknown, b: unknown, path = ''): { path: string; ours: unknown; surveyCore: unknown } | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return { path: path || '/', ours: a, surveyCore: b };
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const diff = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}/${key}`);
    if (diff) return diff;
  }
  return undefined;
}

function panelInSurvey(panel: PanelModel): boolean {
  for (let at: PanelModel | PageModel | null = panel; at; at = at.parent as PanelModel | null) if (!at.isVisible) return false;
  return true;
}

/** Which visible pages the progress is observed on: the first and the last, none when none is visible. */
function firstAndLast(count: number): number[] {
  return count === 0 ? [] : count === 1 ? [0] : [0, count - 1];
}
