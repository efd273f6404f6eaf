/**
 * Idempotency marker for notes. ContentNote has no external id and cannot carry custom fields, so the
 * client key is kept in the note Title as a short suffix ` [#<key>]`. Before re-sending a note whose
 * first attempt had an unknown outcome, we query the account's ContentDocumentLinks for that exact
 * title: found → the note exists, nothing is created. The panel strips the marker for display.
 * Keys are [A-Za-z0-9_-]{8,80} (port.ts), so the marker never needs escaping.
 */
const MARKER = / \[#[A-Za-z0-9_-]{8,80}\]$/;
const TITLE_MAX = 255;

/** Title stored in Salesforce: the collector's title (truncated if needed) + ` [#key]`, ≤ 255 chars. */
export function noteTitleWithMarker(title: string, key: string): string {
  const marker = ` [#${key}]`;
  const room = TITLE_MAX - marker.length;
  const clean = title.replace(/[\r\n]+/g, ' ').trim();
  return `${clean.length > room ? `${clean.slice(0, room - 1)}…` : clean}${marker}`;
}

/** The title as the collector wrote it (marker removed). */
export function noteTitleWithoutMarker(title: string): string {
  return title.replace(MARKER, '');
}
