/** The observation of a paneldynamic's panels, through survey-core and through our runtime. */
import type { Question, QuestionSelectBase } from 'survey-core';
import type { PanelDynamicQuestion } from '../../../client/runtime/compiled-panel-types.js';
import type { Runtime } from '../../../client/runtime/runtime.js';
import type { CellObservation } from './observe.js';

type PanelQuestion = CellObservation & { title: string; content?: string };

export interface PanelsObservation {
  count: number;
  /** per panel: its title and description, and per template question its state, title, choices or (html) content */
  panels: Array<{ title: string; description: string; questions: Record<string, PanelQuestion> }>;
}

export interface PanelDynamic {
  panelCount: number;
  panels: Array<{ locTitle: { renderedHtml: string }; locDescription: { renderedHtml: string }; questions: Question[] }>;
}

export function observePanels(question: Question): PanelsObservation {
  const q = question as unknown as PanelDynamic;
  return {
    count: q.panelCount,
    panels: q.panels.map((panel) => ({
      title: panel.locTitle.renderedHtml,
      description: panel.locDescription.renderedHtml,
      questions: Object.fromEntries(panel.questions.map((inner) => {
        const own: PanelQuestion = { visible: inner.isVisible, enabled: !inner.isReadOnly, required: inner.isRequired, title: inner.processedTitle };
        if (inner.getType() === 'html') own.content = (inner as unknown as { locHtml: { renderedHtml: string } }).locHtml.renderedHtml;
        if (['radiogroup', 'checkbox', 'dropdown'].includes(inner.getType())) {
          const select = inner as QuestionSelectBase;
          const selectAll = (select as unknown as { selectAllItem?: unknown }).selectAllItem;
          own.choices = select.visibleChoices.map((item) => ({ value: item === selectAll ? '' : item.value, enabled: item.isEnabled, text: item.locText.renderedHtml }));
        }
        return [inner.name, own];
      })),
    })),
  };
}

export function runtimePanels(runtime: Runtime, def: PanelDynamicQuestion): PanelsObservation {
  const count = runtime.panelCount(def.name);
  return {
    count,
    panels: Array.from({ length: count }, (_, i) => ({
      title: runtime.panelText(def.name, i, def.templateTitleKey),
      description: runtime.panelText(def.name, i, def.templateDescriptionKey),
      questions: Object.fromEntries(def.templateElements.map((inner) => {
        const state = runtime.panelQuestion(def.name, i, inner.name);
        const own: PanelQuestion = { ...(state as CellObservation), title: runtime.panelText(def.name, i, inner.titleKey) || inner.name };
        if (inner.type === 'html') own.content = runtime.panelText(def.name, i, inner.htmlKey);
        if (['radiogroup', 'checkbox', 'dropdown'].includes(inner.type)) {
          own.choices = runtime.panelChoices(def.name, i, inner.name).map((c) => ({ value: c.value, enabled: c.enabled, text: runtime.panelText(def.name, i, c.textKey) }));
        }
        return [inner.name, own];
      })),
    })),
  };
}
