import { ProtocolError, type Attachment } from './protocol.js';

// The REST calls the widget needs besides the socket: files go over HTTP (see the protocol's REST
// form), with the customer token in X-Customer-Token.

export const tokenHeader = 'X-Customer-Token';

type ErrorBody = { error?: { code: string; message: string; details?: Record<string, unknown> } } | null;
const errorFrom = (body: ErrorBody, fallback: string) => new ProtocolError(body?.error?.code ?? 'generic', body?.error?.message ?? fallback, body?.error?.details);

export async function errorOf(response: Response): Promise<ProtocolError> {
  return errorFrom((await response.json().catch(() => null)) as ErrorBody, response.statusText);
}

/** A visitor token, kept so a returning visitor gets their conversation back. */
export async function visitorToken(storage: Pick<Storage, 'getItem' | 'setItem'>): Promise<string> {
  const kept = storage.getItem('walletdesk.visitor');
  if (kept) {
    const { token, expiresAt } = JSON.parse(kept) as { token: string; expiresAt: string };
    if (Date.parse(expiresAt) > Date.now() + 60_000) return token;
  }
  const response = await fetch('/api/v1/widget/visitors', { method: 'POST' });
  if (!response.ok) throw await errorOf(response);
  const issued = (await response.json()) as { token: string; expiresAt: string };
  storage.setItem('walletdesk.visitor', JSON.stringify(issued));
  return issued.token;
}

/** Sends a file as the raw body with progress reports (fetch cannot report upload progress; XHR can); resolves with the JSON answer. */
export function postFile<T>(options: { url: string; file: File; token: string; onProgress: (fraction: number) => void }): Promise<T> {
  const { file, token } = options;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', options.url);
    xhr.setRequestHeader(tokenHeader, token);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (event) => event.lengthComputable && options.onProgress(event.loaded / event.total);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON (a proxy's error page): the status says enough.
      }
      if (xhr.status < 300) resolve(body as T);
      else reject(errorFrom(body as ErrorBody, String(xhr.status)));
    };
    xhr.onerror = () => reject(new ProtocolError('generic', 'network error'));
    xhr.send(file);
  });
}

/** Sends a file into the conversation; it arrives as a message. */
export async function uploadFile(options: { conversationId: string; clientId: string; file: File; token: string; onProgress: (fraction: number) => void }): Promise<void> {
  const query = new URLSearchParams({ clientId: options.clientId, name: options.file.name });
  await postFile({ ...options, url: `/api/v1/widget/conversations/${options.conversationId}/attachments?${query}` });
}

/** A short-lived signed link to a file in the conversation. */
export async function attachmentLink(conversationId: string, attachment: Attachment, token: string): Promise<string> {
  const response = await fetch(`/api/v1/widget/conversations/${conversationId}/attachments/${attachment.id}/link`, { headers: { [tokenHeader]: token } });
  if (!response.ok) throw await errorOf(response);
  return sameOrigin(((await response.json()) as { url: string }).url);
}

/** The chat page is served by WalletDesk itself: a link it was handed stays on the origin the page came from. */
export function sameOrigin(url: string): string {
  const { pathname, search } = new URL(url, location.href);
  return pathname + search;
}
