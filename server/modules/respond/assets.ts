/**
 * The answering pages' script and stylesheet, bundled by esbuild from client/respond when first
 * needed (so `npm start` always serves the code it runs, with nothing to build by hand), kept in
 * memory with content-hashed names, compressed once, and served as immutable: a second visit, or
 * a second survey on the same phone, downloads no script again.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { FastifyPluginAsync } from 'fastify';

export interface Asset { body: Buffer; gzip: Buffer; br: Buffer; type: string }
export interface BuiltAssets { script: string; style: string; files: Map<string, Asset> }

const CLIENT = fileURLToPath(new URL('../../../client/respond/', import.meta.url));
const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };
const IMMUTABLE = 'public, max-age=31536000, immutable';

async function bundle(): Promise<BuiltAssets> {
  const result = await build({
    entryPoints: { respond: `${CLIENT}main.tsx`, 'respond-style': `${CLIENT}styles.css` },
    bundle: true, minify: true, format: 'esm', platform: 'browser', target: ['es2019', 'chrome70', 'firefox68', 'safari15'],
    jsx: 'automatic', jsxImportSource: 'preact', entryNames: '[name]-[hash]', outdir: '/assets', write: false,
    legalComments: 'none', logLevel: 'silent', charset: 'utf8',
  });
  const files = new Map<string, Asset>();
  let script = '';
  let style = '';
  for (const file of result.outputFiles) {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    const ext = name.slice(name.lastIndexOf('.') + 1);
    const body = Buffer.from(file.contents);
    files.set(name, {
      body, type: TYPES[ext] ?? 'application/octet-stream',
      gzip: gzipSync(body, { level: 9 }),
      br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    });
    if (name.startsWith('respond-style-')) style = `/assets/${name}`;
    else if (name.startsWith('respond-')) script = `/assets/${name}`;
  }
  return { script, style, files };
}

export function createAssets() {
  let built: Promise<BuiltAssets> | undefined;
  return {
    /** built once per process, on first use */
    ready(): Promise<BuiltAssets> {
      built ??= bundle().catch((error: unknown) => {
        built = undefined;
        throw error;
      });
      return built;
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
    const { files } = await assets.ready();
    const asset = files.get(request.params.file);
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    const { body, encoding } = encoded(asset, request.headers['accept-encoding']);
    if (encoding) reply.header('content-encoding', encoding);
    return reply.header('cache-control', IMMUTABLE).header('vary', 'accept-encoding').header('x-content-type-options', 'nosniff')
      .type(asset.type).send(body);
  });
};
