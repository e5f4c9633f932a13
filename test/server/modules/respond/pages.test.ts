import t from 'tap';
import { gunzipSync } from 'node:zlib';
import { as } from '../../../helper.js';
import { campaignApp, campaignBody, createCampaign } from '../campaigns/setup.js';

// one app and open link for the file: the tests only read pages
const shared = await (async () => {
  const { app, coordinator, list, admin } = await campaignApp(t);
  const c = await createCampaign(app, coordinator, campaignBody(list.id));
  await app.inject(as(coordinator, { method: 'POST', url: `/api/campaigns/${c.id}/start` }));
  return { app, admin, url: c.openLink.replace('http://localhost:3000', '') };
})();
const openLink = async (_t: unknown) => shared;
const langOf = (html: string) => /<html lang="([^"]+)" dir="(\w+)"/.exec(html)?.slice(1);
const bootOf = (html: string) => JSON.parse(/<script type="application\/json" id="boot">(.*?)<\/script>/s.exec(html)![1]);

t.test('the page speaks the asked language, else the remembered one, else the browser\'s, else the campaign\'s first', async (t) => {
  const { app, url } = await openLink(t);
  t.same(langOf((await app.inject({ method: 'GET', url })).body), ['en', 'ltr'], 'nothing said: the campaign\'s first');
  t.same(langOf((await app.inject({ method: 'GET', url, headers: { 'accept-language': 'de;q=0.9, sv-SE;q=0.8, ar;q=0.1' } })).body), ['sv', 'ltr'], 'the best offered match of Accept-Language');
  const asked = await app.inject({ method: 'GET', url: `${url}?lang=ar-EG`, headers: { 'accept-language': 'sv' } });
  t.same(langOf(asked.body), ['ar', 'rtl'], '?lang= wins, along the BCP 47 chain');
  const cookie = asked.cookies.find((c) => c.name === 'relay_lang');
  t.equal(cookie?.value, 'ar', 'and is remembered on the device');
  t.same(langOf((await app.inject({ method: 'GET', url, headers: { cookie: `relay_lang=${cookie!.value}`, 'accept-language': 'sv' } })).body), ['ar', 'rtl']);
  const boot = bootOf(asked.body);
  t.equal(boot.locale, 'ar');
  t.match(boot.texts, /^\/api\/compiled\/texts\/[0-9a-f]{16}$/, 'only this language\'s texts are linked');
  t.same(boot.languages.map((l: { tag: string }) => l.tag), ['en', 'sv', 'ar']);
});

t.test('pages carry a strict CSP and no-store; scripts are content-hashed, immutable and precompressed', async (t) => {
  const { app, url } = await openLink(t);
  const page = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
  t.equal(page.headers['content-encoding'], 'gzip', 'the page is compressed');
  const html = gunzipSync(page.rawPayload).toString();
  t.match(page.headers['content-security-policy'], /^default-src 'none'; script-src 'self'; style-src 'self';/);
  t.equal(page.headers['cache-control'], 'no-store');
  t.equal(page.headers['referrer-policy'], 'no-referrer');
  t.notMatch(html, /<script>|<script type="module">[^<]|style="/, 'no inline script or style');
  const script = /<script type="module" src="(\/assets\/respond-[A-Z0-9]+\.js)">/.exec(html)![1];
  const br = await app.inject({ method: 'GET', url: script, headers: { 'accept-encoding': 'gzip, deflate, br' } });
  t.equal(br.statusCode, 200);
  t.equal(br.headers['content-encoding'], 'br');
  t.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
  const plain = await app.inject({ method: 'GET', url: script });
  t.notOk(plain.headers['content-encoding'], 'uncompressed for a client that asks for nothing');
  t.match(plain.body, /hydrate|__H/, 'the bundle itself');
  t.equal((await app.inject({ method: 'GET', url: '/assets/respond-NOPE.js' })).statusCode, 404);
});

t.test('the preview is for staff only, any published version, any of its languages', async (t) => {
  const { app, admin } = await openLink(t);
  t.equal((await app.inject({ method: 'GET', url: '/preview/living/1' })).statusCode, 401);
  const sv = await app.inject(as(admin, { method: 'GET', url: '/preview/living/1?lang=sv' }));
  t.equal(sv.statusCode, 200);
  t.same(langOf(sv.body), ['sv', 'ltr']);
  t.equal(bootOf(sv.body).mode, 'preview');
  t.equal((await app.inject(as(admin, { method: 'GET', url: '/preview/living/9' }))).statusCode, 404);
});
