/**
 * Stand-in for `node:stream/web` in browser and extension service-worker bundles that include the
 * Bulk API 2.0 client.
 *
 * `csv-parse/stream` (csv-parse 7, https://csv.js.org/parse/api/stream/) imports `TransformStream` and
 * `CountQueuingStrategy` from `node:stream/web`; pages and workers have both as globals (WHATWG
 * Streams, https://streams.spec.whatwg.org/). A bundle that imports bulk2 aliases the module here:
 * `resolve: { alias: { 'node:stream/web': '<repo>/connector/salesforce/bulk2/web-streams-shim.ts' } }`.
 *
 * csv-parse's parser core also uses the Node global `Buffer` when it loads. csv-parse/stream imports
 * `node:stream/web` before its core, so this module, evaluated first, installs the `buffer` package's
 * implementation where the global is missing (pages, workers). web-streams-shim.test.ts proves it.
 */
import { Buffer as BufferPolyfill } from 'buffer';

const scope = globalThis as { Buffer?: unknown };
if (scope.Buffer === undefined) {
  scope.Buffer = BufferPolyfill;
}

export const TransformStream = globalThis.TransformStream;
export const CountQueuingStrategy = globalThis.CountQueuingStrategy;
