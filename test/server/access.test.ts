import t from 'tap';
import { ROLES } from '../../server/db/schema/index.js';
import { buildTestApp, createCast } from '../helper.js';

/** Fills path parameters with values that pass validation, so only the access rule decides. */
function concrete(url: string): string {
  return url.replace(':version', '1').replace(':slug', 'some-survey').replace(/:[A-Za-z]+/g, 'abc123');
}

t.test('every API route declares who may call it; 401 without credentials, 403 for other roles', async (t) => {
  const app = await buildTestApp(t);
  const cast = createCast(app);
  const api = app.routeAccess.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
  t.ok(api.length >= 25, `${api.length} API routes`);
  for (const route of api) {
    const url = concrete(route.url);
    const method = route.method as 'GET';
    if (route.auth === 'public') continue;
    const anon = await app.inject({ method, url });
    t.equal(anon.statusCode, 401, `${route.method} ${route.url} without credentials → 401`);
    t.equal(anon.json().code, 'UNAUTHENTICATED');
    const allowed = route.auth === 'signed-in' ? ROLES : route.auth;
    for (const role of ROLES) {
      const res = await app.inject({ method, url, headers: { authorization: cast[role].bearer } });
      if (allowed.includes(role)) t.not(res.statusCode, 403, `${route.method} ${route.url} as ${role} is allowed`);
      else t.equal(res.statusCode, 403, `${route.method} ${route.url} as ${role} → 403`);
    }
  }
  const publicRoutes = api.filter((r) => r.auth === 'public').map((r) => `${r.method} ${r.url}`).sort();
  t.same(publicRoutes, ['GET /api/compiled/structure/:hash', 'GET /api/compiled/texts/:hash', 'POST /api/auth/login', 'POST /api/auth/set-password'],
    'only sign-in and the compiled payloads phones load (by content hash) are public');
});
