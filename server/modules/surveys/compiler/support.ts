/**
 * The subset of SurveyJS the phone runtime implements, stated as allowlists: a property not
 * named here for its class is refused, so a survey-core property we do not implement can never
 * silently change behaviour on survey-core's side only. Properties that only change looks
 * (widths, layout, title locations) are allowed and ignored by the runtime.
 */

/** Element types the runtime answers for. */
export const SUPPORTED_TYPES = ['text', 'comment', 'radiogroup', 'checkbox', 'dropdown', 'boolean', 'rating', 'matrix', 'expression', 'panel',
  'html', 'image', 'ranking', 'matrixdropdown', 'paneldynamic'] as const;

/** Cell types of matrixdropdown columns the runtime implements (survey-core's 'default' takes the matrix's). */
export const CELL_TYPES = ['dropdown', 'checkbox', 'radiogroup', 'text', 'comment', 'boolean', 'expression'];

/** Question types inside a paneldynamic's template. */
export const TEMPLATE_TYPES = ['text', 'comment', 'radiogroup', 'checkbox', 'dropdown', 'boolean', 'rating', 'html'];

/** Properties of a template question that the runtime does not evaluate per panel. */
export const TEMPLATE_REFUSED = ['defaultValue', 'showOtherItem', 'choicesVisibleIf', 'choicesEnableIf'];

export const SUPPORTED_INPUT_TYPES = ['text', 'number', 'email', 'tel', 'date'];

const LAYOUT = ['width', 'minWidth', 'maxWidth', 'colSpan', 'startWithNewLine', 'indent', 'innerIndent', 'titleLocation',
  'descriptionLocation', 'errorLocation', 'questionTitleLocation', 'questionErrorLocation', 'questionTitleWidth',
  'gridLayoutColumns', 'state', 'allowAdaptiveActions'];

const ELEMENT = ['name', 'title', 'description', 'visible', 'visibleIf', 'enableIf', 'readOnly', 'isRequired', 'requiredIf',
  'requiredErrorText', ...LAYOUT];

const QUESTION = [...ELEMENT, 'validators', 'defaultValue', 'showNumber', 'hideNumber', 'pii', 'quasiIdentifier',
  'useDisplayValuesInDynamicTexts', 'clearIfInvisible'];

const SELECT = [...QUESTION, 'choices', 'choicesVisibleIf', 'choicesEnableIf', 'showOtherItem', 'showNoneItem', 'otherText',
  'noneText', 'otherPlaceholder', 'otherErrorText', 'colCount', 'separateSpecialChoices', 'storeOthersAsComment', 'choicesOrder',
  'allowClear', 'hideIfChoicesEmpty'];

/** canonical property names (survey-core's, after alternative names such as hasOther) per class */
export const ALLOWED_PROPERTIES: Record<string, readonly string[]> = {
  survey: ['title', 'description', 'pages', 'calculatedValues', 'locale', 'privacyNotice', 'consentRequired', 'showQuestionNumbers', 'showProgressBar',
    'progressBarLocation', 'progressBarType', 'progressBarShowPageNumbers', 'progressBarShowNavigationText', 'completedHtml',
    'requiredMark', 'questionStartIndex', 'logo', 'logoWidth', 'logoHeight', 'logoFit', 'logoPosition', 'showTitle',
    'showPageTitles', 'showCompletePage', 'showNavigationButtons', 'navigationButtonsLocation', 'showPrevButton',
    'questionTitleLocation', 'questionDescriptionLocation', 'questionErrorLocation', 'questionTitlePattern', 'pagePrevText',
    'pageNextText', 'completeText', 'checkErrorsMode', 'textUpdateMode', 'widthMode', 'width', 'fitToContainer', 'headerView',
    'autoFocusFirstQuestion', 'autoFocusFirstError', 'maxTextLength', 'maxCommentLength', 'clearInvisibleValues',
    'storeOthersAsComment', 'sjsVersion', '$schema', 'autoGrowComment', 'allowResizeComment', 'commentAreaRows', 'showTOC',
    'tocLocation', 'autoAdvanceEnabled', 'autoAdvanceAllowComplete', 'progressBarInheritWidthFrom',
    'progressBarNavigationTextLocation', 'backgroundImage', 'backgroundImageFit', 'backgroundImageAttachment', 'backgroundOpacity',
    'gridLayoutEnabled', 'questionOrder'],
  page: [...ELEMENT, 'elements', 'navigationTitle', 'navigationDescription', 'showNavigationButtons', 'questionOrder'],
  panel: [...ELEMENT, 'type', 'elements', 'showNumber', 'showQuestionNumbers', 'questionStartIndex', 'questionOrder'],
  text: [...QUESTION, 'type', 'inputType', 'min', 'max', 'step', 'minErrorText', 'maxErrorText', 'maxLength', 'placeholder',
    'inputSize', 'autocomplete', 'inputTextAlignment', 'textUpdateMode', 'dataList', 'maskType'],
  comment: [...QUESTION, 'type', 'maxLength', 'placeholder', 'rows', 'cols', 'autoGrow', 'allowResize', 'acceptCarriageReturn',
    'textUpdateMode'],
  radiogroup: [...SELECT, 'type'],
  checkbox: [...SELECT, 'type', 'showSelectAllItem', 'selectAllText', 'maxSelectedChoices', 'minSelectedChoices'],
  dropdown: [...SELECT, 'type', 'placeholder', 'searchEnabled', 'searchMode', 'textWrapEnabled', 'autocomplete'],
  boolean: [...QUESTION, 'type', 'label', 'labelTrue', 'labelFalse', 'valueTrue', 'valueFalse', 'swapOrder', 'displayMode',
    'useTitleAsLabel'],
  rating: [...QUESTION, 'type', 'rateValues', 'rateMin', 'rateMax', 'rateStep', 'rateCount', 'autoGenerate', 'minRateDescription',
    'maxRateDescription', 'rateType', 'scaleColorMode', 'rateColorMode', 'displayRateDescriptionsAsExtremeItems',
    'rateDescriptionLocation', 'displayMode'],
  matrix: [...QUESTION, 'type', 'rows', 'columns', 'eachRowRequired', 'showHeader', 'columnMinWidth', 'rowTitleWidth',
    'verticalAlign', 'alternateRows', 'displayMode', 'cellType', 'rowOrder', 'hideIfRowsEmpty'],
  expression: [...QUESTION, 'type', 'expression', 'displayStyle'],
  // display only: survey-core neither titles, numbers, requires nor disables them
  html: ['name', 'type', 'visible', 'visibleIf', 'html', ...LAYOUT],
  image: ['name', 'type', 'visible', 'visibleIf', 'imageLink', 'altText', 'contentMode', 'imageFit', 'imageHeight', 'imageWidth', ...LAYOUT],
  ranking: [...QUESTION, 'type', 'choices', 'choicesVisibleIf', 'choicesEnableIf', 'choicesOrder', 'hideIfChoicesEmpty',
    'selectToRankEnabled', 'longTap'],
  matrixdropdown: [...QUESTION, 'type', 'rows', 'columns', 'choices', 'cellType', 'placeholder', 'showHeader', 'columnMinWidth',
    'rowTitleWidth', 'verticalAlign', 'alternateRows', 'displayMode', 'columnLayout', 'transposeData', 'cellErrorLocation',
    'horizontalScroll', 'columnColCount', 'hideIfRowsEmpty', 'rowOrder'],
  paneldynamic: [...ELEMENT, 'type', 'templateElements', 'templateTitle', 'templateTabTitle', 'tabTitlePlaceholder', 'templateDescription',
    'noEntriesText', 'allowAddPanel', 'allowRemovePanel', 'newPanelPosition', 'panelCount', 'minPanelCount', 'maxPanelCount', 'panelsState',
    'confirmDelete', 'confirmDeleteText', 'addPanelText', 'removePanelText', 'prevPanelText', 'nextPanelText', 'showQuestionNumbers',
    'renderMode', 'displayMode', 'showProgressBar', 'progressBarLocation', 'tabAlign', 'templateQuestionTitleLocation',
    'templateQuestionTitleWidth', 'templateErrorLocation', 'removePanelButtonLocation', 'showNumber', 'hideNumber', 'pii',
    'quasiIdentifier', 'useDisplayValuesInDynamicTexts', 'clearIfInvisible'],
  // a column with the properties of its cell question
  matrixdropdowncolumn: ['name', 'title', 'cellType', 'isRequired', 'requiredErrorText', 'visible', 'visibleIf', 'enableIf', 'requiredIf',
    'readOnly', 'validators', 'width', 'minWidth', 'colCount', 'cellHint', 'choices', 'inputType', 'min', 'max', 'step', 'minErrorText',
    'maxErrorText', 'maxLength', 'placeholder', 'labelTrue', 'labelFalse', 'valueTrue', 'valueFalse', 'expression', 'rows', 'autoGrow',
    'allowResize', 'acceptCarriageReturn', 'searchEnabled', 'inputSize', 'autocomplete', 'displayStyle', 'renderAs', 'showTitle',
    'label', 'swapOrder'],
  itemvalue: ['value', 'text', 'visibleIf', 'enableIf', 'isExclusive'],
  calculatedvalue: ['name', 'expression', 'includeIntoResult'],
  numericvalidator: ['type', 'text', 'minValue', 'maxValue', 'notificationType'],
  textvalidator: ['type', 'text', 'minLength', 'maxLength', 'allowDigits', 'notificationType'],
  emailvalidator: ['type', 'text', 'notificationType'],
  regexvalidator: ['type', 'text', 'regex', 'caseInsensitive', 'notificationType'],
  expressionvalidator: ['type', 'text', 'expression', 'notificationType'],
  answercountvalidator: ['type', 'text', 'minCount', 'maxCount', 'notificationType'],
};

/**
 * Allowed properties whose other values change behaviour we do not implement: property → the
 * values we accept (compared after survey-core loaded them, so `true` and 'on' may both appear).
 */
export const ALLOWED_VALUES: Record<string, Record<string, readonly unknown[]>> = {
  survey: {
    showQuestionNumbers: ['on', 'onPage', 'off', true, false, 'onpage'],
    progressBarType: ['pages'],
    questionStartIndex: ['', '1.'],
    clearInvisibleValues: ['onComplete'],
    storeOthersAsComment: [true],
    questionOrder: ['initial', 'default'],
  },
  page: { questionOrder: ['initial', 'default'] },
  panel: { showNumber: [false], showQuestionNumbers: ['default'], questionStartIndex: [''], questionOrder: ['initial', 'default'] },
  question: {
    useDisplayValuesInDynamicTexts: [true],
    clearIfInvisible: ['default', 'onComplete'],
  },
  select: { storeOthersAsComment: ['default', true], choicesOrder: ['none'], hideIfChoicesEmpty: [false] },
  text: { maskType: ['none'] },
  matrix: { cellType: ['radio', 'default'], rowOrder: ['initial'], hideIfRowsEmpty: [false] },
  expression: { displayStyle: ['none'] },
  ranking: { selectToRankEnabled: [false], choicesOrder: ['none'], hideIfChoicesEmpty: [false] },
  matrixdropdown: { cellType: CELL_TYPES, columnLayout: ['horizontal'], transposeData: [false], hideIfRowsEmpty: [false], rowOrder: ['initial'] },
  paneldynamic: { newPanelPosition: ['last'], showQuestionNumbers: ['off', 'default'] },
  matrixdropdowncolumn: { cellType: ['default', ...CELL_TYPES], displayStyle: ['none'], renderAs: ['default'] },
  validator: { notificationType: ['error'] },
};

/** Why a refused property is refused, where a hint helps the author. */
export const REFUSAL_HINTS: Record<string, string> = {
  triggers: 'triggers are not supported yet',
  valueName: 'answers must be stored under the question name',
  defaultValueExpression: 'use defaultValue',
  choicesByUrl: 'choices must be listed in the definition',
  choicesFromQuestion: 'copy the choices into the question',
  showCommentArea: 'add a comment question instead',
  minValueExpression: 'use min',
  maxValueExpression: 'use max',
};
