/** Entry bundled by web-streams-shim.test.ts: csv-parse's web-stream parser, as a page bundle would use it. */
import { parse } from 'csv-parse/stream';

export async function parseCsv(text: string): Promise<unknown[]> {
  const bytes = new TextEncoder().encode(text);
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const reader = source.pipeThrough(parse({ columns: true }) as TransformStream<Uint8Array, unknown>).getReader();
  const rows: unknown[] = [];
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    rows.push(next.value);
  }
  return rows;
}
