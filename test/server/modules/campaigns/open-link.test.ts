import t from 'tap';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { as } from '../../../helper.js';
import { GOOD_ANSWERS, newKey } from '../responses/setup.js';
import { campaignApp, campaignBody, createCampaign } from './setup.js';

/** jsqr is CommonJS: the function is the module or its default, depending on the loader. */
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsQRModule as unknown as { default?: Decode }).default ?? jsQRModule) as unknown as Decode;

t.test('the open link: its QR codes decode to it, answers are attributed to the campaign, capped, guarded', async (t) => {
  const { app, coordinator, partner, list } = await campaignApp(t);
  const c = await createCampaign(app, coordinator, campaignBody(list.id, { openCap: 2 }));
  const path = new URL(c.openLink).pathname;
  t.match(c.openLink, /^http:\/\/localhost:3000\/c\/[A-Za-z0-9_-]{22}$/, 'an unguessable code');

  const png = await app.inject(as(coordinator, { method: 'GET', url: `/api/campaigns/${c.id}/qr.png` }));
  t.equal(png.headers['content-type'], 'image/png');
  const image = PNG.sync.read(png.rawPayload);
  t.equal(image.width, 1024, 'print resolution');
  t.equal(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data, c.openLink, 'the PNG decodes to the open link');
  const svg = await app.inject(as(coordinator, { method: 'GET', url: `/api/campaigns/${c.id}/qr.svg` }));
  t.match(svg.headers['content-type'], /^image\/svg\+xml/);
  t.match(svg.body, /^<svg[^>]*viewBox/);

  t.equal((await app.inject({ method: 'GET', url: path })).statusCode, 200);
  const start = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: `${path}/responses`, headers: { 'idempotency-key': newKey(), ...headers }, payload });
  t.equal((await start({ answers: GOOD_ANSWERS, complete: true })).statusCode, 409, 'not before the campaign runs');
  await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/start` }));

  const first = await start({ answers: { name: 'Ali' } });
  t.equal(first.statusCode, 201, first.body);
  const { id, resumeKey } = first.json();
  t.ok(resumeKey, 'a resume key to continue on this phone');
  const cont = (action: string, key: string, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `${path}/responses/${id}/${action}`, headers: { 'idempotency-key': newKey(), 'relay-resume-key': key }, payload });
  t.equal((await cont('answers', 'x'.repeat(43), { answers: { age: 30 } })).statusCode, 404, 'a wrong resume key finds nothing');
  t.equal((await cont('answers', resumeKey, { answers: { age: 30 } })).statusCode, 200);
  t.equal((await cont('complete', resumeKey, { answers: GOOD_ANSWERS })).json().state, 'completed');
  const row = app.db.$client.prepare('SELECT channel, campaign_id, partner_id FROM responses WHERE id = ?').get(id);
  t.same(row, { channel: 'open', campaign_id: c.id, partner_id: partner.id }, 'attributed to the campaign and partner');

  const bot = await start({ answers: GOOD_ANSWERS, complete: true, website: 'http://spam.example' });
  t.equal(bot.statusCode, 201, 'a bot is not told');
  t.equal((app.db.$client.prepare("SELECT count(*) AS n FROM responses WHERE channel = 'open'").get() as { n: number }).n, 1, 'the honeypot stored nothing');

  t.equal((await start({ answers: GOOD_ANSWERS, complete: true })).statusCode, 201, 'second of two');
  const full = await start({ answers: GOOD_ANSWERS, complete: true });
  t.equal(full.statusCode, 410, 'the cap is reached');
  t.equal(full.json().code, 'CAMPAIGN_FULL');
  const status = (await app.inject(as(coordinator, { method: 'GET', url: `/api/campaigns/${c.id}/status` }))).json();
  t.same(status.openLink, { started: 2, completed: 2 });
});

t.test('one address or device cannot start more than the hourly limit', async (t) => {
  const { app, coordinator, list } = await campaignApp(t);
  const c = await createCampaign(app, coordinator, campaignBody(list.id));
  await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/start` }));
  const path = new URL(c.openLink).pathname;
  const codes: number[] = [];
  for (let i = 0; i < 32; i++) {
    codes.push((await app.inject({ method: 'POST', url: `${path}/responses`, headers: { 'idempotency-key': newKey() }, payload: {} })).statusCode);
  }
  t.equal(codes.filter((s) => s === 201).length, 30);
  t.same(codes.slice(30), [429, 429]);
});
