import { ProtocolError, type Attachment } from './protocol.js';

// The REST calls the widget needs besides the socket: files go over HTTP (see the protocol's REST
// form), with the customer token in X-Customer-Token.

const tokenHeader = 'X-Customer-Token';

async function errorOf(response: Response): Promise<ProtocolError> {
  const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  return new ProtocolError(body?.error?.code ?? 'generic', body?.error?.message ?? response.statusText);
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

/** Sends a file with progress reports (fetch cannot report upload progress; XHR can). */
export function uploadFile(options: { conversationId: string; clientId: string; file: File; token: string; onProgress: (fraction: number) => void }): Promise<void> {
  const { conversationId, clientId, file, token } = options;
  const query = new URLSearchParams({ clientId, name: file.name });
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/widget/conversations/${conversationId}/attachments?${query}`);
    xhr.setRequestHeader(tokenHeader, token);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (event) => event.lengthComputable && options.onProgress(event.loaded / event.total);
    xhr.onload = () => {
      if (xhr.status < 300) return resolve();
      const body = JSON.parse(xhr.responseText || '{}') as { error?: { code: string; message: string } };
      reject(new ProtocolError(body.error?.code ?? 'generic', body.error?.message ?? String(xhr.status)));
    };
    xhr.onerror = () => reject(new ProtocolError('generic', 'network error'));
    xhr.send(file);
  });
}

/** A short-lived signed link to a file in the conversation. */
export async function attachmentLink(conversationId: string, attachment: Attachment, token: string): Promise<string> {
  const response = await fetch(`/api/v1/widget/conversations/${conversationId}/attachments/${attachment.id}/link`, { headers: { [tokenHeader]: token } });
  if (!response.ok) throw await errorOf(response);
  // The chat page is served by WalletDesk itself: keep the link on the origin the page came from.
  const { pathname, search } = new URL(((await response.json()) as { url: string }).url, location.href);
  return pathname + search;
}
