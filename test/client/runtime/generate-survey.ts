/**
 * surveyArbitrary: random SurveyJS definitions inside the subset the phone runtime supports
 * (server/modules/surveys/compiler/support.ts): 1–4 pages, nested panels, every supported question
 * type, conditions on earlier and later questions (hidden pages included), validators, calculated
 * values, default values, piped texts and a second locale. Every one must compile; the
 * differential test (generated.test.ts) then compares survey-core and our runtime on it.
 */
import fc from 'fast-check';
import { condArbitrary, valArbitrary } from './generate-expressions.js';
import type { Cond, Val } from './generate-expressions.js';
import { flag, questionArbitrary, sometimes } from './generate-question-specs.js';
import type { QuestionSpec } from './generate-question-specs.js';
import { questionJson } from './generate-questions.js';
import { writersFor } from './generate-targets.js';
import { SECOND_LOCALES, textArbitrary } from './generate-texts.js';
import type { SecondLocale, TextSpec } from './generate-texts.js';

type Json = Record<string, unknown>;

interface ContainerSpec {
  title: TextSpec | null;
  description: TextSpec | null;
  visibleIf: Cond | null;
  enableIf: Cond | null;
  required: boolean;
  hidden: boolean;
  readOnly: boolean;
  elements: ElementSpec[];
}
type ElementSpec = { question: QuestionSpec } | { panel: ContainerSpec };

interface SurveySpec {
  locale: SecondLocale;
  title: TextSpec | null;
  description: TextSpec | null;
  completedHtml: TextSpec | null;
  numbers: 'on' | 'onPage' | 'off' | null;
  progress: 'top' | 'bottom' | null;
  requiredMark: boolean;
  calculated: Array<{ expression: Val; include: boolean; rank: number }>;
  pages: ContainerSpec[];
}

function containerArbitrary(elements: fc.Arbitrary<ElementSpec[]>, panel: boolean): fc.Arbitrary<ContainerSpec> {
  return fc.record({
    title: sometimes(textArbitrary(), panel ? 50 : 70),
    description: sometimes(textArbitrary(), 10),
    visibleIf: sometimes(condArbitrary(1), 30),
    enableIf: sometimes(condArbitrary(1), panel ? 15 : 5),
    required: flag(panel ? 10 : 5),
    hidden: flag(5),
    readOnly: flag(panel ? 5 : 0),
    elements,
  });
}

/** Elements of a page or panel; `depth` more levels of panels may nest inside. */
function elementsArbitrary(depth: number, maxLength: number): fc.Arbitrary<ElementSpec[]> {
  const question = questionArbitrary.map((q): ElementSpec => ({ question: q }));
  if (depth === 0) return fc.array(question, { minLength: 1, maxLength });
  const panel = containerArbitrary(elementsArbitrary(depth - 1, 3), true).map((p): ElementSpec => ({ panel: p }));
  return fc.array(fc.oneof({ weight: 5, arbitrary: question }, { weight: 1, arbitrary: panel }), { minLength: 1, maxLength });
}

const surveySpecArbitrary: fc.Arbitrary<SurveySpec> = fc.record({
  locale: fc.constantFrom(...SECOND_LOCALES),
  title: sometimes(textArbitrary(), 50),
  description: sometimes(textArbitrary(), 20),
  completedHtml: sometimes(textArbitrary(), 40),
  numbers: fc.constantFrom(null, 'on' as const, 'onPage' as const, 'off' as const),
  progress: fc.constantFrom(null, 'top' as const, 'bottom' as const),
  requiredMark: flag(15),
  calculated: fc.array(fc.record({ expression: valArbitrary(2), include: fc.boolean(), rank: fc.nat(9) }), { maxLength: 3 }),
  pages: fc.array(containerArbitrary(elementsArbitrary(2, 4), false), { minLength: 1, maxLength: 4 }),
});

/**
 * KNOWN DIVERGENCE, refused by the compiler (check-recalculation.ts): survey-core skips a read-only
 * expression question, judging read-only by the enableIf results from before the change it reacts
 * to; our runtime by the results after it. So no enableIf on an expression question or around one.
 */
function holdsExpression(c: ContainerSpec): boolean {
  return c.elements.some((e) => ('panel' in e ? holdsExpression(e.panel) : e.question.type.kind === 'expression'));
}

/**
 * KNOWN DIVERGENCE (survey-core, stale state): a page or panel hidden by `visible: false` whose
 * visibleIf shows it once a default is dropped (its choice hidden at load) makes survey-core fill
 * the default again, which hides the container, which drops it again, until its limit of reruns;
 * it ends with the default kept. Ours drops it. Smallest reproduction: page { visible: false,
 * visibleIf: '{q} empty' } holding radiogroup q with choices ['red', 'green'], choicesVisibleIf
 * "{item} = 'green'" and defaultValue 'red': survey-core's data is { q: 'red' } (with showOtherItem,
 * { q: 'other', 'q-Comment': 'red' }), ours {}. So such a container is not also hidden.
 */
function holdsDroppableDefault(c: ContainerSpec): boolean {
  return c.elements.some((e) => {
    if ('panel' in e) return holdsDroppableDefault(e.panel);
    const { type, defaultValue } = e.question;
    return defaultValue !== null && (type.kind === 'radiogroup' || type.kind === 'dropdown' || type.kind === 'checkbox')
      && (type.choicesVisibleIf !== null || type.choices.some((choice) => choice.visibleIf !== null));
  });
}

export function surveyArbitrary(): fc.Arbitrary<Json> {
  return surveySpecArbitrary.map(toJson);
}

function toJson(spec: SurveySpec): Json {
  // names in document order: q1, q2… and panel1, panel2…
  const questions: Array<{ spec: QuestionSpec; name: string }> = [];
  const named = new Map<ContainerSpec | QuestionSpec, string>();
  let panels = 0;
  const visit = (elements: ElementSpec[]) => {
    for (const element of elements) {
      if ('panel' in element) {
        named.set(element.panel, `panel${++panels}`);
        visit(element.panel.elements);
      } else {
        const name = `q${questions.length + 1}`;
        questions.push({ spec: element.question, name });
        named.set(element.question, name);
      }
    }
  };
  spec.pages.forEach((page) => visit(page.elements));

  const calculated = spec.calculated.map((c, i) => ({ ...c, name: `calc${i + 1}` }));
  const writers = writersFor(questions, calculated, spec.locale);

  const container = (c: ContainerSpec, name: string, word: string): Json => {
    const json: Json = { name };
    if (c.title) json.title = writers.texts.text(c.title, word);
    if (c.description) json.description = writers.texts.text(c.description, 'About');
    if (c.visibleIf) json.visibleIf = writers.conditions.cond(c.visibleIf);
    if (c.enableIf && !holdsExpression(c)) json.enableIf = writers.conditions.cond(c.enableIf);
    if (c.required) json.isRequired = true;
    if (c.hidden && !(c.visibleIf && holdsDroppableDefault(c))) json.visible = false;
    if (c.readOnly) json.readOnly = true;
    json.elements = c.elements.map((e) => ('panel' in e
      ? { type: 'panel', ...container(e.panel, named.get(e.panel) as string, 'Section') }
      : questionJson(e.question, named.get(e.question) as string, writers)));
    return json;
  };

  const json: Json = {};
  if (spec.title) json.title = writers.texts.text(spec.title, 'Survey');
  if (spec.description) json.description = writers.texts.text(spec.description, 'About');
  if (spec.completedHtml) json.completedHtml = writers.texts.text(spec.completedHtml, 'Thanks');
  if (spec.numbers) json.showQuestionNumbers = spec.numbers;
  if (spec.progress) json.showProgressBar = spec.progress;
  if (spec.requiredMark) json.requiredMark = '(*)';
  if (calculated.length > 0) {
    json.calculatedValues = calculated.map((c) => ({
      name: c.name, expression: writers.computed(c.name).val(c.expression), ...(c.include ? { includeIntoResult: true } : {}),
    }));
  }
  json.pages = spec.pages.map((page, i) => container(page, `page${i + 1}`, 'Page'));
  return json;
}
