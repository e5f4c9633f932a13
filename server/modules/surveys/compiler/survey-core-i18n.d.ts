/**
 * survey-core ships its dictionaries as side-effect modules without type declarations: importing
 * one registers its locale with surveyLocalization. Declared here so TypeScript accepts the imports.
 */
declare module 'survey-core/i18n';
declare module 'survey-core/i18n/*';
