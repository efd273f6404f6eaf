/**
 * Notes → ContentNote + ContentDocumentLink in ONE composite (allOrNone): a ContentNote's Id IS its
 * ContentDocument id, so the link references `@{note.id}` directly.
 * ContentNote.Content is base64 of HTML; plain text is HTML-escaped first (Apex: escapeHtml4) so
 * collector text can never become markup.
 */
import type { AddNoteInput } from '../../port';
import type { CompositeRequest } from '../client';
import { select, soqlId, soqlString } from '../soql';
import { noteTitleWithMarker } from './note-key';

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape plain text for HTML; line breaks become paragraphs' `<br>`. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** Base64 of UTF-8 text, without Node's Buffer (runs in the service worker). */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** ContentNote.Content for plain text. */
export function noteContent(body: string): string {
  const html = body.split(/\r?\n/).map((line) => `<p>${escapeHtml(line)}</p>`).join('');
  return base64Utf8(html);
}

/** The composite that creates the note and links it to the account. */
export function noteComposite(input: AddNoteInput, dataPath: string): CompositeRequest {
  return {
    allOrNone: true,
    compositeRequest: [
      { method: 'POST', url: `${dataPath}/sobjects/ContentNote`, referenceId: 'note', body: { Title: noteTitleWithMarker(input.title, input.idempotencyKey), Content: noteContent(input.body) } },
      {
        method: 'POST',
        url: `${dataPath}/sobjects/ContentDocumentLink`,
        referenceId: 'link',
        body: { ContentDocumentId: '@{note.id}', LinkedEntityId: input.accountId, ShareType: 'I', Visibility: 'AllUsers' },
      },
    ],
  };
}

/** SOQL finding a note already written with this key on this account. */
export function noteByKeyQuery(input: AddNoteInput): string {
  return select({
    fields: ['ContentDocumentId'],
    from: 'ContentDocumentLink',
    where: [`LinkedEntityId = ${soqlId(input.accountId)}`, `ContentDocument.Title = ${soqlString(noteTitleWithMarker(input.title, input.idempotencyKey))}`],
    limit: 1,
  });
}
