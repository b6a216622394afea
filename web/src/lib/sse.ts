import { request } from './api';

export interface ServerEvent {
  event: string;
  data: string;
}

/**
 * Reads a Server-Sent Events stream with fetch() (EventSource cannot send the Authorization header):
 * the body is decoded as UTF-8 and split into events on blank lines; `event:` and `data:` fields are
 * collected, comments and `retry:` ignored. Resolves when the server ends the stream.
 */
export async function readEvents(path: string, onEvent: (e: ServerEvent) => void, signal?: AbortSignal): Promise<void> {
  const res = await request(path, { headers: { accept: 'text/event-stream' }, signal });
  if (!res.body) throw new Error('no response body');
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  const line = (l: string): void => {
    if (l === '') {
      if (data.length) onEvent({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      return;
    }
    if (l.startsWith(':')) return;
    const colon = l.indexOf(':');
    const name = colon < 0 ? l : l.slice(0, colon);
    const value = colon < 0 ? '' : l.slice(colon + 1).replace(/^ /, '');
    if (name === 'event') event = value;
    else if (name === 'data') data.push(value);
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let nl: number;
    while ((nl = buffer.search(/\r\n|\r|\n/)) >= 0) {
      if (buffer[nl] === '\r' && nl === buffer.length - 1) break; // a CR LF split across chunks
      const sep = buffer[nl] === '\r' && buffer[nl + 1] === '\n' ? 2 : 1;
      line(buffer.slice(0, nl));
      buffer = buffer.slice(nl + sep);
    }
  }
  if (buffer) line(buffer);
  line('');
}
