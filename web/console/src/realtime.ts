// One WebSocket per console tab (docs/realtime-protocol.md, "Agents"). It says hello, follows the
// open conversation, and after a drop reconnects with backoff and tells listeners to catch up over
// REST, so a push missed while offline is never lost (messages are deduplicated by seq).
export type Frame = { type: string; [key: string]: unknown };
type Listener = (frame: Frame) => void;

export function realtime() {
  const listeners = new Set<Listener>();
  const followed = new Set<string>();
  let socket: WebSocket | null = null;
  let attempts = 0;
  let stopped = false;
  let refs = 0;

  const emit = (frame: Frame) => listeners.forEach((l) => l(frame));
  const send = (frame: Frame) => socket?.readyState === WebSocket.OPEN && socket.send(JSON.stringify({ ...frame, ref: `c${++refs}` }));

  function connect() {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/realtime`;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempts = 0;
      send({ type: 'agent.hello' });
      followed.forEach((conversationId) => send({ type: 'agent.follow', conversationId }));
      emit({ type: 'connection', online: true });
    };
    ws.onmessage = (event) => {
      try {
        emit(JSON.parse(String(event.data)) as Frame);
      } catch {
        // A frame that is not JSON is not ours to show.
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      emit({ type: 'connection', online: false });
      if (stopped) return;
      const wait = Math.min(15_000, 500 * 2 ** attempts++) * (0.5 + Math.random() / 2);
      setTimeout(connect, wait);
    };
  }
  connect();

  return {
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    follow(conversationId: string) {
      followed.add(conversationId);
      send({ type: 'agent.follow', conversationId });
    },
    unfollow(conversationId: string) {
      followed.delete(conversationId);
    },
    typing(conversationId: string, typing: boolean) {
      send({ type: 'agent.typing', conversationId, typing });
    },
    receipt(conversationId: string, seq: number) {
      send({ type: 'agent.receipt', conversationId, seq, state: 'read' });
    },
    close() {
      stopped = true;
      socket?.close();
    },
  };
}

export type Realtime = ReturnType<typeof realtime>;
