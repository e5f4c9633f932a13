import t from 'tap';
import { Model, Serializer, registerCustomProperties } from '../../../../../server/modules/surveys/definition/survey-core-setup.js';

t.test('pii and quasiIdentifier are boolean properties of every question type', async (t) => {
  for (const type of ['text', 'radiogroup', 'matrixdynamic', 'paneldynamic']) {
    t.equal(Serializer.findProperty(type, 'pii')?.type, 'boolean', `${type}.pii`);
    t.equal(Serializer.findProperty(type, 'quasiIdentifier')?.type, 'boolean', `${type}.quasiIdentifier`);
  }
  t.notOk(Serializer.findProperty('page', 'pii'), 'not on pages');
});

t.test('registering again adds nothing', async (t) => {
  const count = () => Serializer.getProperties('question').filter((p) => p.name === 'pii' || p.name === 'quasiIdentifier').length;
  t.equal(count(), 2);
  registerCustomProperties();
  registerCustomProperties();
  t.equal(count(), 2);
});

t.test('survey-core loads the properties without errors and keeps their values', async (t) => {
  const model = new Model({ pages: [{ elements: [{ type: 'text', name: 'email', pii: true, quasiIdentifier: true }] }] });
  t.same(model.jsonErrors ?? [], []);
  const question = model.getQuestionByName('email');
  t.equal(question.getPropertyValue('pii'), true);
  t.same(question.toJSON(), { name: 'email', pii: true, quasiIdentifier: true });
  model.dispose();
});
