import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { notFound } from '../../errors.js';
import { errorResponses } from '../../http/schemas.js';
import type { CompiledStore } from './compiled-store.js';
import type { SurveysService } from './service.js';
import { Slug, VersionQuerySchema } from './schemas.js';

const Hash = Type.Object({ hash: Type.String({ pattern: '^[0-9a-f]{16}$' }) });
const Manifest = Type.Object({
  version: Type.Integer(),
  manifest: Type.Union([Type.Null(), Type.Object({
    formatVersion: Type.Integer(), structure: Type.String(), compiledAt: Type.String(),
    texts: Type.Record(Type.String(), Type.String(), { description: 'locale → hash of its texts payload' }),
  })]),
});
// Payloads are content-addressed: a hash names one content for good, so caches may keep it forever.
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The phone's compiled form of published versions: a manifest per version, payloads by hash. */
const compiledRoutes: FastifyPluginAsyncTypebox<{ surveys: SurveysService; compiled: CompiledStore }> = async (app, { surveys, compiled }) => {
  app.get('/api/surveys/:slug/compiled', {
    config: { auth: ['admin', 'coordinator', 'researcher'] },
    schema: { tags: ['surveys'], summary: 'Hashes of the compiled payloads of a version (published versions only; default: the published one)',
      params: Type.Object({ slug: Slug }), querystring: VersionQuerySchema, response: { 200: Manifest, ...errorResponses(404) } },
  }, async (request) => surveys.compiledManifest(request.params.slug, request.query.version ?? 'published'));

  for (const [kind, load] of [['structure', compiled.structure], ['texts', compiled.texts]] as const) {
    app.get(`/api/compiled/${kind}/:hash`, {
      config: { auth: 'public' },
      schema: { tags: ['surveys'], summary: `A compiled ${kind} payload by its content hash (what respondents' phones load)`, params: Hash,
        response: { 200: Type.Unknown(), 404: Type.Ref('Problem') } },
    }, async (request, reply) => {
      const payload = load(request.params.hash);
      if (!payload) throw notFound(`A compiled ${kind} payload with this hash`);
      return reply.header('cache-control', IMMUTABLE).header('etag', `"${request.params.hash}"`).send(payload);
    });
  }
};

export default compiledRoutes;
