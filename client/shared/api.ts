/**
 * The admin interface's calls to the JSON API: same-origin, with the session cookie (the browser
 * adds the Origin header that the server's CSRF check wants). Every failure becomes an ApiError
 * carrying the RFC 9457 problem the server sent (detail, and each field's or row's error by JSON
 * pointer), so a screen can show the message next to the thing it concerns.
 */

export interface FieldProblem { pointer: string; message: string }

export class ApiError extends Error {
  /** 0 when the server could not be reached */
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldProblem[];

  constructor(status: number, problem: { type?: string; title?: string; detail?: string; errors?: FieldProblem[] }) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.type = problem.type ?? 'about:blank';
    this.title = problem.title ?? '';
    this.detail = problem.detail ?? problem.title ?? '';
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }

  /** the message for one field, by its JSON pointer (`/name`, `/rows/3/email`) */
  at(pointer: string): string | undefined {
    return this.errors.find((e) => e.pointer === pointer)?.message;
  }
}

/** Called when the server says the session is gone (401), so the interface can ask to sign in again. */
let unauthenticated: () => void = () => {};
export function onUnauthenticated(handler: () => void) {
  unauthenticated = handler;
}

async function problemOf(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = await response.json() as Record<string, unknown>;
  } catch {
    body = { title: response.statusText };
  }
  return new ApiError(response.status, body);
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** an object is sent as JSON; a string or Blob as is, with `contentType` */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Calls the API and returns its JSON (undefined for 204); throws ApiError on any failure. */
export async function api<T = unknown>(path: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof Blob || typeof options.body === 'string') {
    body = options.body;
    if (options.contentType) headers['content-type'] = options.contentType;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(path, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { title: 'offline' });
  }
  if (response.status === 401 && !path.startsWith('/api/auth/')) unauthenticated();
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

/**
 * Sends a file as the request body and reports the upload's progress (0 to 1): fetch cannot tell
 * how much of a request body has gone, XMLHttpRequest can.
 */
export function upload<T = unknown>(path: string, file: Blob, contentType: string, onProgress: (fraction: number) => void, method: 'POST' | 'PUT' = 'POST'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.setRequestHeader('content-type', contentType || 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, { title: 'offline' }));
    xhr.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) as Record<string, unknown> : {};
      } catch {
        body = { title: xhr.statusText };
      }
      if (xhr.status === 401) unauthenticated();
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(new ApiError(xhr.status, body));
    };
    xhr.send(file);
  });
}
