// The console's only door to the server: JSON over fetch with the session cookie, the CSRF token on
// writes, and errors as ApiError carrying the server's stable code and its localized message.
import type { Locale } from './i18n/index.js';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: unknown) {
    super(message);
  }
}

let csrfToken = '';
let language: Locale = 'zh-CN';
let onSignedOut: () => void = () => undefined;

export const session = {
  setCsrf: (token: string) => (csrfToken = token),
  setLanguage: (locale: Locale) => (language = locale),
  onSignedOut: (fn: () => void) => (onSignedOut = fn),
};

function headers(method: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'accept-language': language, ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }), ...extra };
}

async function failure(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string; details?: unknown } } | null;
  const error = new ApiError(res.status, body?.error?.code ?? 'INTERNAL_ERROR', body?.error?.message ?? res.statusText, body?.error?.details);
  if (res.status === 401 && error.code !== 'INVALID_CREDENTIALS') onSignedOut();
  return error;
}

export async function api<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: headers(method, body === undefined ? {} : { 'content-type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw await failure(res);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** `?a=1&b=2` from the defined entries only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A raw-body upload with progress (fetch cannot report upload progress). */
export function upload<T>(path: string, file: File, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [k, v] of Object.entries(headers('POST', { 'content-type': file.type || 'application/octet-stream' }))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      if (xhr.status < 300) return resolve(JSON.parse(xhr.responseText) as T);
      failure(new Response(xhr.responseText, { status: xhr.status })).then(reject, reject);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', xhr.statusText));
    xhr.send(file);
  });
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
