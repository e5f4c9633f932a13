import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ProblemError, type FieldFault } from '../errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  code: string;
  errors?: FieldFault[];
}

const TITLES: Record<number, string> = {
  400: 'Bad request', 401: 'Unauthenticated', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed',
  406: 'Not acceptable', 409: 'Conflict', 413: 'Content too large', 415: 'Unsupported media type',
  422: 'Unprocessable content', 429: 'Too many requests', 500: 'Internal server error', 503: 'Service unavailable',
};

/** Friendlier wording for Fastify's own request errors. */
const FASTIFY_DETAILS: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is larger than this server accepts (RELAY_BODY_LIMIT).',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'This content type is not accepted here; send application/json unless the documentation says otherwise.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request says it carries JSON but the body is empty.',
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
};

function codeToSlug(code: string): string {
  return code.toLowerCase().replace(/^fst_err_/, '').replace(/_/g, '-');
}

export function problemBody(request: FastifyRequest, status: number, code: string, detail: string, errors?: FieldFault[]): Problem {
  return {
    type: `urn:survey-relay:problem:${codeToSlug(code)}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: request.url.split('?')[0],
    requestId: String(request.id),
    code,
    ...(errors?.length ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem) {
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

function validationFaults(error: FastifyError): FieldFault[] {
  return (error.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    let pointer = v.instancePath || '';
    if (typeof params.missingProperty === 'string') pointer += `/${params.missingProperty}`;
    if (typeof params.additionalProperty === 'string') {
      return { pointer: `${pointer}/${params.additionalProperty}`, message: 'is not a known field' };
    }
    const where = error.validationContext && error.validationContext !== 'body' ? `${error.validationContext} ` : '';
    return { pointer: pointer || '/', message: `${where}${v.message ?? 'is invalid'}`.trim() };
  });
}

/** One error handler for the whole app: every failure leaves as RFC 9457 problem+json. */
export default fp(async function problemPlugin(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ProblemError) {
      return sendProblem(reply, problemBody(request, error.statusCode, error.code, error.message, error.errors));
    }
    if (error.validation) {
      const faults = validationFaults(error);
      const detail = `The ${error.validationContext ?? 'request'} is invalid: ${faults.map((f) => `${f.pointer} ${f.message}`).join('; ')}.`;
      return sendProblem(reply, problemBody(request, 400, 'VALIDATION_FAILED', detail, faults));
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return sendProblem(reply, problemBody(request, status, 'INTERNAL', 'Something went wrong on the server. The error was logged; try again later.'));
    }
    const code = error.code ?? 'ERROR';
    return sendProblem(reply, problemBody(request, status, code.replace(/^FST_ERR_/, ''), FASTIFY_DETAILS[code] ?? error.message));
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problemBody(request, 404, 'ROUTE_NOT_FOUND', `There is no ${request.method} ${request.url.split('?')[0]} here. See /docs for the API.`)),
  );
});
