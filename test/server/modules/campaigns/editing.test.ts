/** Tracked campaigns that allow editing: a completed personal link reopens with its answers until the campaign closes. */
import t from 'tap';
import { as } from '../../../helper.js';
import { GOOD_ANSWERS, newKey } from '../responses/setup.js';
import { campaignApp, campaignBody, createCampaign, linksOf, received } from './setup.js';

async function answered(t: Parameters<typeof campaignApp>[0], allowEdit: boolean) {
  const { app, smtp, coordinator, list } = await campaignApp(t);
  const c = await createCampaign(app, coordinator, campaignBody(list.id, { allowEdit, mode: 'tracked' }));
  await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/start` }));
  const mails = await received(smtp, 3);
  const link = linksOf(mails.find((m) => m.to[0] === 'sara@example.org')!.mail.text ?? '').link.replace('http://localhost:3000', '');
  const done = await app.inject({ method: 'POST', url: `${link}/complete`, headers: { 'idempotency-key': newKey() }, payload: { answers: GOOD_ANSWERS } });
  t.equal(done.statusCode, 200, done.body);
  return { app, coordinator, c, link, id: done.json().id as string };
}

t.test('with editing allowed, a completed link shows its answers and a new completion replaces them, in the same response', async (t) => {
  const { app, coordinator, c, link, id } = await answered(t, true);
  const page = await app.inject({ method: 'GET', url: link });
  t.equal(page.statusCode, 200);
  const boot = JSON.parse(/<script type="application\/json" id="boot">(.*?)<\/script>/s.exec(page.body)![1]);
  t.equal(boot.edit, true, 'opened for changes');
  t.equal(boot.start.answers.name, 'Amina', 'with the answers sent');
  const changed = await app.inject({ method: 'POST', url: `${link}/complete`, headers: { 'idempotency-key': newKey() }, payload: { answers: { name: 'Amina K.' } } });
  t.equal(changed.statusCode, 200, changed.body);
  t.equal(changed.json().id, id, 'the same response');
  const rows = app.db.$client.prepare('SELECT id, data FROM responses WHERE campaign_id = ?').all(c.id) as { id: string; data: string }[];
  t.equal(rows.length, 1, 'still one response');
  t.equal(JSON.parse(rows[0].data).name, 'Amina K.');
  t.equal(JSON.parse(rows[0].data).home, 'pl', 'answers not sent again are kept');

  await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/close` }));
  const closed = await app.inject({ method: 'POST', url: `${link}/complete`, headers: { 'idempotency-key': newKey() }, payload: { answers: { name: 'Late' } } });
  t.equal(closed.statusCode, 409, 'no changes once the campaign is closed');
  t.equal(closed.json().type, 'urn:survey-relay:problem:campaign-closed');
});

t.test('without editing, a completed link cannot complete again and says so', async (t) => {
  const { app, link } = await answered(t, false);
  const again = await app.inject({ method: 'POST', url: `${link}/complete`, headers: { 'idempotency-key': newKey() }, payload: { answers: GOOD_ANSWERS } });
  t.equal(again.statusCode, 409);
  t.equal(again.json().type, 'urn:survey-relay:problem:already-completed');
  const page = await app.inject({ method: 'GET', url: link });
  t.notMatch(page.body, /id="boot"/, 'the thank-you page, not the survey');
});
