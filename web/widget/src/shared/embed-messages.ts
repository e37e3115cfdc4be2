// The messages the embed loader (on the host page) and the chat frame exchange with postMessage.

export const messageSource = 'walletdesk';

export type FrameToHost = { source: typeof messageSource; type: 'token-request' } | { source: typeof messageSource; type: 'close' } | { source: typeof messageSource; type: 'locale'; locale: string };

export type HostToFrame = { source: typeof messageSource; type: 'token'; token: string | null; locale?: string } | { source: typeof messageSource; type: 'open' };

/** A message before the sender stamps it with `source` (distributes over the union). */
export type Unstamped<T> = T extends unknown ? Omit<T, 'source'> : never;
