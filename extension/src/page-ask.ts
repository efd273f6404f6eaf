/** An extension page's request to the service worker (protocol.ts), answered or thrown in words. */
import { PROTOCOL_VERSION, ResponseSchema } from './protocol';
import { extensionApi } from './ext-api';

export async function askWorker(message: Record<string, unknown>): Promise<unknown> {
  const answer = await extensionApi().runtime.sendMessage({ v: PROTOCOL_VERSION, id: crypto.randomUUID(), ...message });
  const parsed = ResponseSchema.safeParse(answer);
  if (!parsed.success) {
    throw new Error('The extension worker did not answer.');
  }
  if (!parsed.data.ok) {
    throw new Error(parsed.data.error.userMessage);
  }
  return parsed.data.result;
}

/** `?org=…&lightning=…` of the page's own URL: the org the worker reads, where its record pages are. */
export function pageParams(): { orgKey: string; lightningOrigin: string } | null {
  const params = new URLSearchParams(location.search);
  const orgKey = params.get('org');
  const lightning = params.get('lightning');
  if (!orgKey || !lightning || !/^https?:\/\/[^/]+$/.test(lightning)) {
    return null;
  }
  return { orgKey, lightningOrigin: lightning };
}

/** Shows a message in words in the page's status line (CRM text is never HTML). */
export function showStatus(text: string, error = false): void {
  const node = document.getElementById('status');
  if (node) {
    node.textContent = text;
    node.className = error ? 'status error' : 'status';
  }
}
