/**
 * How answers change besides the respondent's own input, as survey-core changes them after every
 * change, in document order (a page or panel after its elements): a page or panel that becomes
 * visible fills its empty questions with their defaults, and a choice question whose visible
 * choices changed drops (or, for checkboxes, takes back) answers accordingly. Also how
 * survey-core takes in answers (setValue, model.data).
 */
import type { CompiledQuestion, RankingQuestion, SelectQuestion } from './compiled-types.js';
import { variablesOf } from './expression.js';
import { correctChoices } from './runtime-choices.js';
import type { Memory, SelectNode } from './runtime-choices.js';
import { isRanking, rankOnArrival, rankOnChoicesChanged, rankOnData } from './runtime-ranking.js';
import { setOrDelete } from './runtime-state.js';
import type { RuntimeState } from './runtime-state.js';
import { isSelect } from './runtime-tree.js';
import type { TreeNode } from './runtime-tree.js';
import { isAnswerEmpty, isValueEmpty, sameChoiceValue } from './values.js';

export class Reactions {
  private seen = new Map<TreeNode, string>();
  private memory = new Map<string, Memory>();
  private readonly order: TreeNode[] = [];

  constructor(private readonly state: RuntimeState) {
    // survey-core's runCondition: a page or panel runs its elements' conditions before its own
    const visit = (node: TreeNode) => {
      if (node.kind !== 'question') {
        node.children.forEach(visit);
        this.order.push(node);
      } else if ((isSelect(node.def) || isRanking(node.def)) && (node.def.choicesVisibleIf || node.def.choices.some((c) => c.visibleIf))) {
        this.order.push(node);
      }
    };
    state.tree.pages.forEach(visit);
    // survey-core stores the panels a paneldynamic starts with, empty
    for (const q of state.tree.questions) if (q.def.type === 'paneldynamic' && q.def.panelCount > 0) state.data[q.def.name] = Array.from({ length: q.def.panelCount }, () => ({}));
    for (const q of state.tree.questions) if (q.def.defaultValue !== undefined) this.setDefault(q.def, true);
    state.changed();
    for (const q of state.tree.questions) if (isRanking(q.def)) setOrDelete(state.data, q.def.name, rankOnArrival(state, q.def, state.data[q.def.name]));
    state.changed();
    for (const node of this.order) this.observe(node);
    // survey-core's first runConditions: a question whose choices are not all shown drops
    // defaults among the hidden ones; still loading, it fills no defaults into pages or panels
    // that this shows
    const hiding = this.order.filter((node) => node.kind === 'question' && isSelect(node.def) && this.state.shownChoices(node.def).length < node.def.choices.length);
    if (hiding.map((node) => this.correct(node as SelectNode)).some(Boolean)) this.settle(false);
  }

  /** model.setValue: one answer (or "other" text); the respondent's choice resets what a checkbox remembered. */
  assign(name: string, value: unknown): void {
    const adopt = this.unknownAsOther({ [name]: value }, [name]);
    const target = this.state.node(name);
    const ranking = target?.kind === 'question' && isRanking(target.def) ? target.def : undefined;
    setOrDelete(this.state.data, name, structuredClone(ranking ? rankOnArrival(this.state, ranking, value) : value));
    this.countPanels([name]);
    adopt();
    this.memory.delete(name);
    this.state.changed();
    this.settle();
  }

  /** model.data = …: all answers at once. */
  replace(data: Record<string, unknown>): void {
    const { state } = this;
    const adopt = this.unknownAsOther(data);
    const rankings = state.tree.questions.flatMap((q) => (isRanking(q.def) ? [q.def] : []));
    const before = new Map(rankings.map((def) => [def.name, state.shownChoices(def)]));
    state.data = structuredClone(data);
    this.countPanels(Object.keys(data));
    state.changed();
    rankOnData(state, rankings, before);
    const adopted = adopt();
    this.memory.clear();
    state.changed();
    this.showWithoutDefaults(adopted);
    // survey-core re-reads an answer it took as "other" once, when the new answers show its
    // choice; later it stays "other" (as after setValue)
    for (const q of state.selectQuestions()) {
      if (state.otherAliases.has(q.def.name) && state.shownChoices(q.def).some((c) => sameChoiceValue(c.value, state.data[q.def.name]))) {
        state.otherAliases.delete(q.def.name);
      }
    }
    state.changed();
    this.settle();
  }

  /**
   * survey-core stores the "other" text of an answer it took as "other" while still taking in the
   * answers (SurveyModel.isSettingData), which runs the conditions that read that answer then: a
   * page or panel one of them shows gets no defaults (PanelModelBase.onVisibleChanged), and the
   * later run finds it already shown.
   */
  private showWithoutDefaults(names: string[]): void {
    if (names.length === 0) return;
    const read = new Set(names.map((name) => name.toLowerCase()));
    for (const node of this.order) {
      if (node.kind === 'question' || !node.def.visibleIf) continue;
      if (variablesOf(node.def.visibleIf).some((name) => read.has(name.toLowerCase()))) this.observe(node);
    }
  }

  /**
   * A paneldynamic shows as many panels as a non-empty answer brings; an empty one leaves the
   * count as it was (survey-core keeps its panels then).
   */
  private countPanels(names: string[]): void {
    for (const name of names) {
      const target = this.state.node(name);
      const value = this.state.data[name];
      if (target?.kind === 'question' && target.def.type === 'paneldynamic' && Array.isArray(value) && value.length > 0) this.state.panelCounts[name] = value.length;
    }
  }

  /** The respondent's panels, all at once (adding, removing, answering in a panel): the count follows them even to 0. */
  setPanels(name: string, panels: unknown[]): void {
    this.assign(name, panels);
    this.state.panelCounts[name] = panels.length;
  }

  /** After a change: react to what it made visible or hidden, until nothing changes any more. */
  settle(fillDefaults = true): void {
    for (let round = 0; round < 50; round++) {
      let changed = false;
      for (const node of this.order) {
        const before = this.seen.get(node);
        if (this.observe(node) === before) continue;
        if (node.kind !== 'question' ? fillDefaults && this.fillDefaults(node) : isRanking(node.def) ? this.rerank(node.def) : this.correct(node as SelectNode)) changed = true;
      }
      if (!changed) return;
    }
  }

  /** survey-core's clearIncorrectValues on the live answers; true when they changed. */
  correct(q: SelectNode): boolean {
    let memory = this.memory.get(q.def.name);
    if (!memory) this.memory.set(q.def.name, (memory = new Map()));
    if (!correctChoices(this.state, q, this.state.data, memory)) return false;
    // survey-core's setQuestionValue: an answer without "other" loses its "other" text
    const value = this.state.questionValue(q.def);
    if (!(Array.isArray(value) ? value.includes('other') : value === 'other')) delete this.state.data[q.def.name + this.state.structure.commentSuffix];
    this.state.changed();
    return true;
  }

  private rerank(def: RankingQuestion): boolean {
    if (!rankOnChoicesChanged(this.state, def)) return false;
    this.state.changed();
    return true;
  }

  private observe(node: TreeNode): string {
    const signature = node.kind === 'question'
      ? this.state.shownChoices(node.def as SelectQuestion).map((c) => c.textKey).join('\u0000')
      : `${this.state.visibleFlag(node)}/${this.state.ownVisible(node)}`;
    this.seen.set(node, signature);
    return signature;
  }

  /** survey-core's PanelModelBase.onVisibleChanged: a container now visible fills empty questions with defaults. */
  private fillDefaults(container: TreeNode): boolean {
    if (container.kind === 'question' || !this.state.ownVisible(container)) return false;
    let changed = false;
    const visit = (node: TreeNode) => {
      if (node.kind !== 'question') return node.children.forEach(visit);
      if (node.def.defaultValue === undefined || !isAnswerEmpty(this.state.data[node.def.name])) return;
      this.setDefault(node.def);
      changed = true;
    };
    container.children.forEach(visit);
    if (changed) this.state.changed();
    return changed;
  }

  /**
   * survey-core's setDefaultIntoValue: a single-choice default with "other" that is not among the
   * choices shown (all of them while loading, before any condition runs) is taken as "other", the
   * default becoming the "other" text.
   */
  private setDefault(def: CompiledQuestion, loading = false): void {
    const { data, structure } = this.state;
    const value = structuredClone(def.defaultValue);
    const unknown = (def.type === 'radiogroup' || def.type === 'dropdown') && def.hasOther && !isValueEmpty(value)
      && !(loading ? value === 'other' || (def.hasNone && value == 'none') || def.choices.some((c) => sameChoiceValue(c.value, value)) : this.state.isKnownChoice(def, value));
    data[def.name] = unknown ? 'other' : value;
    if (unknown) data[def.name + structure.commentSuffix] = value;
  }

  /**
   * survey-core's updateValueFromSurvey: a single-choice answer with "other" that is not among
   * the choices visible before the new answers apply is taken as "other", its value copied into
   * the "other" text. Returns what to do once the answers are stored, which gives the names it took
   * as "other".
   */
  private unknownAsOther(data: Record<string, unknown>, names?: string[]): () => string[] {
    const { state } = this;
    const aliases: string[] = [];
    for (const q of state.selectQuestions()) {
      const def = q.def;
      if (!def.hasOther || def.type === 'checkbox' || (names && !names.includes(def.name))) continue;
      const value = data[def.name];
      if (!isValueEmpty(value) && value !== 'other' && !state.isKnownChoice(def, value)) aliases.push(def.name);
    }
    return () => {
      for (const name of names ?? state.tree.byName.keys()) state.otherAliases.delete(name);
      for (const name of aliases) {
        state.otherAliases.add(name);
        state.data[name + state.structure.commentSuffix] = state.data[name];
      }
      return aliases;
    };
  }
}
