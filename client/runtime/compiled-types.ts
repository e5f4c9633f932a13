/**
 * The compiled form of a survey version, as the server sends it to phones: one STRUCTURE payload
 * (what to ask, in which order, under which conditions) and one TEXTS payload per locale (every
 * string a respondent sees, by key). Both are plain JSON, each with a content hash so a phone
 * caches them by hash. A change to the meaning of any field needs a new `formatVersion`.
 */
import type { Expr } from './expression-types.js';
import type { MatrixDropdownQuestion } from './compiled-matrix-types.js';
import type { PanelDynamicQuestion } from './compiled-panel-types.js';

export const FORMAT_VERSION = 1;

/** A key into TextsPayload.texts. Keys are opaque; only the compiler makes them. */
export type TextKey = string;

/** A choice, matrix row or column, or rating item value. */
export type ChoiceValue = string | number | boolean;

export interface StructurePayload {
  formatVersion: typeof FORMAT_VERSION;
  /** sha256 of the canonical JSON of the payload without `hash`, first 16 hex digits */
  hash: string;
  titleKey?: TextKey;
  descriptionKey?: TextKey;
  completedHtmlKey: TextKey;
  /** survey-core's showQuestionNumbers: 'on' numbers across the survey, 'onPage' restarts per page */
  questionNumbers: 'on' | 'onPage' | 'off';
  /** survey-core's questionStartIndex, e.g. '1.' or 'A)'; empty for the default '1.' */
  questionStartIndex: string;
  /** the mark after the title of a required question (survey-core's requiredMark) */
  requiredMark: string;
  /** 'off', or where survey-core would show it (its progressBarLocation: 'auto', 'top', 'bottom', 'both'…) */
  progressBar: string;
  /** whether values of hidden questions are removed on completion (survey-core's default; the compiler accepts no other) */
  clearInvisibleValues: boolean;
  /** the data key suffix under which an "other" answer's text is stored */
  commentSuffix: string;
  pages: CompiledPage[];
  calculatedValues: CompiledCalculatedValue[];
  /** the survey asks for explicit consent to its privacy notice (texts key 'survey.privacyNotice') before the first question */
  consentRequired?: boolean;
}

export interface CompiledCalculatedValue {
  name: string;
  expression: Expr;
  includeIntoResult: boolean;
}

/** What pages, panels and questions share. */
interface ElementBase {
  name: string;
  titleKey?: TextKey;
  descriptionKey?: TextKey;
  /** false when the element is hidden by its `visible` property, whatever visibleIf says */
  visible: boolean;
  visibleIf?: Expr;
  readOnly: boolean;
  enableIf?: Expr;
  /** a required container wants at least one of its visible questions answered */
  isRequired: boolean;
  requiredIf?: Expr;
  requiredErrorKey?: TextKey;
}

interface ContainerBase extends ElementBase {
  elements: CompiledElement[];
}

export type CompiledPage = ContainerBase;

export interface CompiledPanel extends ContainerBase {
  type: 'panel';
}

export type CompiledElement = CompiledPanel | CompiledQuestion;

export type CompiledQuestion =
  | TextQuestion
  | CommentQuestion
  | SelectQuestion
  | BooleanQuestion
  | RatingQuestion
  | MatrixQuestion
  | ExpressionQuestion
  | RankingQuestion
  | HtmlQuestion
  | ImageQuestion
  | MatrixDropdownQuestion
  | PanelDynamicQuestion;

export interface QuestionBase extends ElementBase {
  titleKey: TextKey;
  /** false when the question takes no number (survey-core's showNumber) */
  showNumber: boolean;
  defaultValue?: unknown;
  validators: CompiledValidator[];
}

export interface TextQuestion extends QuestionBase {
  type: 'text';
  inputType: 'text' | 'number' | 'email' | 'tel' | 'date';
  min?: number | string;
  max?: number | string;
  step?: number;
  /** present with min / max: survey-core's message with `{0}` for the limit */
  minErrorKey?: TextKey;
  maxErrorKey?: TextKey;
  /** a limit for the input element; survey-core does not report longer values as errors */
  maxLength?: number;
  placeholderKey?: TextKey;
}

export interface CommentQuestion extends QuestionBase {
  type: 'comment';
  maxLength?: number;
  placeholderKey?: TextKey;
}

export interface CompiledChoice {
  value: ChoiceValue;
  textKey: TextKey;
  visibleIf?: Expr;
  enableIf?: Expr;
  /** a checkbox choice that is the only answer when chosen, like "none" */
  exclusive?: true;
}

export interface SelectQuestion extends QuestionBase {
  type: 'radiogroup' | 'checkbox' | 'dropdown';
  choices: CompiledChoice[];
  /** evaluated once per choice, with `{item}` standing for the choice's value */
  choicesVisibleIf?: Expr;
  choicesEnableIf?: Expr;
  hasOther: boolean;
  hasNone: boolean;
  hasSelectAll: boolean;
  otherTextKey?: TextKey;
  otherErrorKey?: TextKey;
  otherPlaceholderKey?: TextKey;
  noneTextKey?: TextKey;
  selectAllTextKey?: TextKey;
  placeholderKey?: TextKey;
  /** checkbox only; 0 = no limit */
  minSelectedChoices: number;
  maxSelectedChoices: number;
}

export interface BooleanQuestion extends QuestionBase {
  type: 'boolean';
  labelTrueKey: TextKey;
  labelFalseKey: TextKey;
  valueTrue: ChoiceValue;
  valueFalse: ChoiceValue;
}

export interface RatingQuestion extends QuestionBase {
  type: 'rating';
  /** the generated or explicit items, in order */
  rateValues: CompiledChoice[];
  rateMin: number;
  rateMax: number;
  rateStep: number;
  minRateDescriptionKey?: TextKey;
  maxRateDescriptionKey?: TextKey;
}

export interface MatrixQuestion extends QuestionBase {
  type: 'matrix';
  rows: CompiledChoice[];
  columns: CompiledChoice[];
  isAllRowRequired: boolean;
}

export interface ExpressionQuestion extends QuestionBase {
  type: 'expression';
  expression: Expr;
}

/** Choices the respondent puts in order; the answer lists every visible choice's value, ranked. */
export interface RankingQuestion extends QuestionBase {
  type: 'ranking';
  choices: CompiledChoice[];
  choicesVisibleIf?: Expr;
  choicesEnableIf?: Expr;
}

/** Display only: no answer, no title, no number. */
export interface HtmlQuestion extends QuestionBase {
  type: 'html';
  /** piped like a title */
  htmlKey: TextKey;
}

export interface ImageQuestion extends QuestionBase {
  type: 'image';
  imageLinkKey: TextKey;
  altTextKey: TextKey;
  /** survey-core's contentMode ('auto', 'image', 'video', 'youtube'), imageFit and sizes, for the renderer */
  contentMode: string;
  imageFit: string;
  imageHeight: string;
  imageWidth: string;
}

export type CompiledValidator =
  | { type: 'numeric'; minValue?: number; maxValue?: number; textKey?: TextKey }
  | { type: 'text'; minLength: number; maxLength: number; allowDigits: boolean; textKey?: TextKey }
  | { type: 'email'; textKey?: TextKey }
  | { type: 'regex'; regex: string; caseInsensitive: boolean; textKey?: TextKey }
  | { type: 'expression'; expression: Expr; textKey?: TextKey }
  | { type: 'answercount'; minCount?: number; maxCount?: number; textKey?: TextKey };

/**
 * survey-core's built-in strings the runtime needs, by survey-core's own names
 * (`surveyLocalization` keys); each texts payload holds all of them, under `BUILT_IN_PREFIX + name`.
 */
export const BUILT_IN_STRINGS = [
  'pagePrevText', 'pageNextText', 'completeText', 'otherItemText', 'noneItemText', 'selectAllItemText',
  'progressText', 'questionsProgressText', 'completingSurvey', 'emptySurvey', 'placeholder', 'ratingOptionsCaption',
  'requiredError', 'requiredErrorInPanel', 'requiredInAllRowsError', 'numericError', 'minError', 'maxError', 'stepError',
  'textNoDigitsAllow', 'textMinLength', 'textMaxLength', 'textMinMaxLength', 'minSelectError', 'maxSelectError',
  'numericMinMax', 'numericMin', 'numericMax', 'invalidEmail', 'invalidExpression', 'otherRequiredError',
  'booleanCheckedLabel', 'booleanUncheckedLabel', 'value',
] as const;

export type BuiltInString = (typeof BUILT_IN_STRINGS)[number];

export const BUILT_IN_PREFIX = '$';

export interface TextsPayload {
  formatVersion: typeof FORMAT_VERSION;
  hash: string;
  /** 'default' for the survey's source language, otherwise a locale tag such as 'sv' */
  locale: string;
  /** whether built-in strings came from survey-core's dictionary for this locale (else English) */
  builtInsLocalized: boolean;
  rtl: boolean;
  texts: Record<TextKey, string>;
  /** keys whose text contains `{name}` placeholders, to be piped with answers */
  piped: TextKey[];
}
