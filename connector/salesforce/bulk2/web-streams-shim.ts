/**
 * Stand-in for `node:stream/web` in browser and extension service-worker bundles.
 *
 * `csv-parse/stream` (csv-parse 7, https://csv.js.org/parse/api/stream/) imports `TransformStream` and
 * `CountQueuingStrategy` from `node:stream/web`; pages and workers have both as globals (WHATWG
 * Streams, https://streams.spec.whatwg.org/). A bundle that imports bulk2 must alias the module here,
 * e.g. in a vite config: `resolve: { alias: { 'node:stream/web': '<repo>/connector/salesforce/bulk2/web-streams-shim.ts' } }`.
 *
 * That alone is NOT enough: csv-parse's parser core uses the Node global `Buffer` (at module load), so
 * such a bundle must also provide `globalThis.Buffer` (the `buffer` package, or csv-parse's own
 * `csv-parse/browser/esm` build, which inlines one). web-streams-shim.test.ts proves both facts.
 * No bundle imports bulk2 today (the Bulk API client runs in Node: CLI, portfolio sources).
 */
export const TransformStream = globalThis.TransformStream;
export const CountQueuingStrategy = globalThis.CountQueuingStrategy;
