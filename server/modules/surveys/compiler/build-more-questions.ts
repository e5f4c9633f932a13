/**
 * The type-specific part of the display-only questions (html, image) and of ranking; the
 * composite types have their own builders.
 */
import type { Question, QuestionImageModel, QuestionRankingModel } from 'survey-core';
import type { CompiledQuestion, QuestionBase } from '../../../../client/runtime/compiled-types.js';
import { childPointer } from '../definition/json-pointer.js';
import type { BuildContext } from './build-context.js';
import { buildMatrixDropdown } from './build-matrix-dropdown.js';
import { buildPanelDynamic } from './build-panel-dynamic.js';
import { choices, list } from './build-questions.js';

type Json = Record<string, unknown>;

export function buildMoreQuestion(question: Question, base: QuestionBase, json: Json, pointer: string, context: BuildContext, name: string): CompiledQuestion {
  switch (question.getType()) {
    case 'html': {
      const q = question as unknown as { locHtml: { text: string } };
      return { ...base, type: 'html', htmlKey: context.text(`${name}.html`, childPointer(pointer, 'html'), () => q.locHtml.text) };
    }
    case 'image': {
      const q = question as QuestionImageModel;
      return {
        ...base,
        type: 'image',
        imageLinkKey: context.text(`${name}.imageLink`, childPointer(pointer, 'imageLink'), () => q.locImageLink.text),
        altTextKey: context.text(`${name}.altText`, childPointer(pointer, 'altText'), () => q.locAltText.text),
        contentMode: String(q.contentMode),
        imageFit: String(q.imageFit),
        imageHeight: String(q.imageHeight ?? ''),
        imageWidth: String(q.imageWidth ?? ''),
      };
    }
    case 'ranking': {
      const q = question as QuestionRankingModel;
      return {
        ...base,
        type: 'ranking',
        choices: choices(q.choices, list(json.choices), `${name}.choice`, childPointer(pointer, 'choices'), context, name),
        choicesVisibleIf: context.expr(childPointer(pointer, 'choicesVisibleIf')),
        choicesEnableIf: context.expr(childPointer(pointer, 'choicesEnableIf')),
      };
    }
    case 'matrixdropdown':
      return buildMatrixDropdown(question, base, json, pointer, context, name);
    case 'paneldynamic':
      return buildPanelDynamic(question, base, json, pointer, context, name);
    default:
      // the subset check refuses every other type before the model is built
      throw new Error(`Unexpected question type '${question.getType()}'`);
  }
}
