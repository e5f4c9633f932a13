import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from './config.js';

/**
 * Secrets and personal data never reach the log: credentials in headers, tokens in paths and
 * queries, and any field that carries a password, token or email address.
 */
export const REDACT_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]',
  'password', 'newPassword', 'currentPassword', 'token', 'email', 'adminPassword',
  '*.password', '*.newPassword', '*.currentPassword', '*.token', '*.email', '*.adminPassword',
];

const SECRET_QUERY_KEYS = /^(token|t|key|password|email|code)$/i;

/** Personal and unsubscribe links carry their token in the path (/s/{token}, /u/{token}, /c/{code}); query strings may carry more. */
export function redactUrl(url: string): string {
  const [path, query] = url.split('?', 2);
  const safePath = path.replace(/^\/(s|c|u)\/[^/]+/, '/$1/[redacted]');
  if (query === undefined) return safePath;
  const params = new URLSearchParams(query);
  for (const key of [...params.keys()]) if (SECRET_QUERY_KEYS.test(key)) params.set(key, '[redacted]');
  return `${safePath}?${params.toString()}`;
}

export function loggerOptions(config: Config, stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip, requestId: req.id }),
    },
    ...(stream ? { stream } : {}),
  };
}
