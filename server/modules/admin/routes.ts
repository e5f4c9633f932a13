/**
 * /admin and every path below it: the same small page, which loads the admin interface's own
 * script and stylesheet (never the answering pages', and they never load these). The page holds
 * no data; the interface asks the API, which checks every call. Strict Content-Security-Policy:
 * scripts, styles and connections to this site only, frames only of this site (the phone
 * preview), and the page itself never framed.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Assets } from '../../plugins/assets.js';
import { escape } from '../respond/render.js';

export const ADMIN_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
  "frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const adminRoutes: FastifyPluginAsync<{ assets: Assets }> = async (app, { assets }) => {
  async function shell(reply: FastifyReply) {
    const { script, style } = await assets.admin();
    return reply.type('text/html; charset=utf-8')
      .header('content-security-policy', ADMIN_CSP)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header('x-content-type-options', 'nosniff')
      .send(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Survey Relay</title>
<link rel="stylesheet" href="${escape(style)}">
<script type="module" src="${escape(script)}"></script>
</head>
<body>
<div id="app"></div>
<noscript><p>The Survey Relay administration needs JavaScript. The API works without it: see /docs.</p></noscript>
</body>
</html>
`);
  }
  const options = { config: { auth: 'public' as const }, schema: { hide: true } };
  app.get('/admin', options, (_request, reply) => shell(reply));
  app.get('/admin/*', options, (_request, reply) => shell(reply));
};

export default adminRoutes;
