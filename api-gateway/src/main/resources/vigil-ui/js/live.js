// Follows a queue's Server-Sent Events stream. EventSource cannot send the Authorization header, so the
// stream is read with fetch; it reconnects with lastEventId after a break.
import { session } from './api.js';

export function follow(queue, onEvent) {
  const controller = new AbortController();
  let lastId = null;
  let stopped = false;
  async function run() {
    while (!stopped) {
      try {
        const url = `/api/v1/events?queue=${encodeURIComponent(queue)}` + (lastId ? `&lastEventId=${encodeURIComponent(lastId)}` : '');
        const response = await fetch(url, {
          headers: { Authorization: `Bearer ${session.token}`, Accept: 'text/event-stream' },
          signal: controller.signal,
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
            const id = block.split('\n').find((l) => l.startsWith('id:'));
            if (id) lastId = id.slice(3).trim();
            if (data) {
              try { onEvent(JSON.parse(data)); } catch (e) { /* a malformed event is skipped */ }
            }
          }
        }
      } catch (e) {
        if (stopped) return;
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  run();
  return () => { stopped = true; controller.abort(); };
}

// Calls fn at most once per `ms`, trailing: many events in a burst cause one refresh.
export function debounce(fn, ms) {
  let timer = null;
  return () => {
    if (timer) return;
    timer = setTimeout(() => { timer = null; fn(); }, ms);
  };
}
