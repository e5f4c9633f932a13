/**
 * The browser bundles: the answering pages (client/respond) and the admin interface
 * (client/admin), each a script and a stylesheet bundled by esbuild when first needed (so
 * `npm start` always serves the code it runs, with nothing to build by hand), kept in memory with
 * content-hashed names, compressed once, and served as immutable. The two are built separately,
 * so a respondent's phone never downloads anything of the admin interface, and a second visit, or
 * a second survey on the same phone, downloads no script again.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { FastifyPluginAsync } from 'fastify';

export interface Asset { body: Buffer; gzip: Buffer; br: Buffer; type: string }
export interface BuiltAssets { script: string; style: string; files: Map<string, Asset> }
export type Bundle = 'respond' | 'admin';

const CLIENT = fileURLToPath(new URL('../../client/', import.meta.url));
const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Phones as old as Android 8's Chrome answer surveys; the admin interface is used on newer browsers. */
const TARGETS: Record<Bundle, string[]> = {
  respond: ['es2019', 'chrome70', 'firefox68', 'safari15'],
  admin: ['es2020', 'chrome90', 'firefox90', 'safari15'],
};

async function bundle(name: Bundle): Promise<BuiltAssets> {
  const result = await build({
    entryPoints: { [name]: `${CLIENT}${name}/main.tsx`, [`${name}-style`]: `${CLIENT}${name}/styles.css` },
    bundle: true, minify: true, format: 'esm', platform: 'browser', target: TARGETS[name],
    jsx: 'automatic', jsxImportSource: 'preact', entryNames: '[name]-[hash]', outdir: '/assets', write: false,
    legalComments: 'none', logLevel: 'silent', charset: 'utf8',
  });
  const files = new Map<string, Asset>();
  let script = '';
  let style = '';
  for (const file of result.outputFiles) {
    const fileName = file.path.slice(file.path.lastIndexOf('/') + 1);
    const ext = fileName.slice(fileName.lastIndexOf('.') + 1);
    const body = Buffer.from(file.contents);
    files.set(fileName, {
      body, type: TYPES[ext] ?? 'application/octet-stream',
      gzip: gzipSync(body, { level: 9 }),
      br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    });
    if (fileName.startsWith(`${name}-style-`)) style = `/assets/${fileName}`;
    else if (fileName.startsWith(`${name}-`)) script = `/assets/${fileName}`;
  }
  return { script, style, files };
}

export function createAssets() {
  const built = new Map<Bundle, Promise<BuiltAssets>>();
  function get(name: Bundle): Promise<BuiltAssets> {
    let promise = built.get(name);
    if (!promise) {
      promise = bundle(name).catch((error: unknown) => {
        built.delete(name);
        throw error;
      });
      built.set(name, promise);
    }
    return promise;
  }
  return {
    /** the answering pages' bundle, built once per process on first use */
    ready: () => get('respond'),
    /** the admin interface's bundle, built once per process on first use */
    admin: () => get('admin'),
    /** a file of either bundle by its hashed name (building the bundle its name belongs to) */
    async file(fileName: string): Promise<Asset | undefined> {
      const { files } = await get(fileName.startsWith('admin-') ? 'admin' : 'respond');
      return files.get(fileName);
    },
  };
}
export type Assets = ReturnType<typeof createAssets>;

/** Picks the smallest encoding the client accepts. */
export function encoded(asset: Asset, acceptEncoding: string | undefined): { body: Buffer; encoding?: 'br' | 'gzip' } {
  const accepted = (acceptEncoding ?? '').toLowerCase();
  if (/\bbr\b/.test(accepted)) return { body: asset.br, encoding: 'br' };
  if (/\bgzip\b/.test(accepted)) return { body: asset.gzip, encoding: 'gzip' };
  return { body: asset.body };
}

export const assetRoutes: FastifyPluginAsync<{ assets: Assets }> = async (app, { assets }) => {
  app.get<{ Params: { file: string } }>('/assets/:file', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const asset = await assets.file(request.params.file);
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    const { body, encoding } = encoded(asset, request.headers['accept-encoding']);
    if (encoding) reply.header('content-encoding', encoding);
    return reply.header('cache-control', IMMUTABLE).header('vary', 'accept-encoding').header('x-content-type-options', 'nosniff')
      .type(asset.type).send(body);
  });
};
