import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ProblemSchema } from '../http/schemas.js';

/** OpenAPI document at /docs/json, browsable at /docs. Registered before the routes it describes. */
export default fp(async function docsPlugin(app: FastifyInstance, opts: { publicUrl: string; version: string }) {
  app.addSchema(ProblemSchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Survey Relay API',
        version: opts.version,
        description: 'Multilingual survey distribution. Errors are RFC 9457 problem+json. Browser sessions use a cookie '
          + '(state-changing requests must come from this origin); scripts send `Authorization: Bearer <token>` from POST /api/me/tokens.',
      },
      servers: [{ url: opts.publicUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'relay_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
});
