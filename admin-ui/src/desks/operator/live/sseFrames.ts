// Server-Sent Events frames from a fetch body: `event:` and `data:` lines, frames separated by
// a blank line; comment lines (keepalives) are skipped.
export interface SseFrame {
  event: string;
  data: string;
}

export async function* sseFrames(body: ReadableStream<Uint8Array>): AsyncGenerator<SseFrame> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const lines = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        const field = (name: string) => lines.filter((line) => line.startsWith(`${name}:`)).map((line) => line.slice(name.length + 1).trimStart());
        const data = field('data');
        if (data.length > 0) yield { event: field('event')[0] ?? 'message', data: data.join('\n') };
      }
    }
  } finally {
    reader.releaseLock();
  }
}
