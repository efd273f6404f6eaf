/**
 * Who may talk to the service worker. Unknown senders are ignored (no answer at all): other extensions, web
 * pages via externally_connectable (not declared, but defence in depth), frames other than the top Lightning
 * frame, and content scripts on pages that are not Salesforce pages.
 */
import type { RequestKind } from './protocol';
import { PAGE_KINDS } from './protocol';
import type { DevOrigins } from './salesforce-urls';
import { isPanelPageUrl } from './salesforce-urls';

/** The parts of `chrome.runtime.MessageSender` we rely on. */
export interface SenderLike {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

export interface SenderPolicy {
  extensionId: string;
  /** `chrome.runtime.getURL('')`, e.g. `chrome-extension://abc/`. */
  extensionOrigin: string;
  devOrigins: DevOrigins;
}

export type SenderRole = 'page' | 'extension-page';

/** Classifies a sender, or null when it must be ignored. */
export function classifySender(sender: SenderLike, policy: SenderPolicy): SenderRole | null {
  if (sender.id !== policy.extensionId || !sender.url) {
    return null;
  }
  if (sender.url.startsWith(policy.extensionOrigin)) {
    return 'extension-page';
  }
  // Content script: must be in a tab, in the top frame (manifest says all_frames: false), on a Salesforce page.
  if (!sender.tab || (sender.frameId !== undefined && sender.frameId !== 0)) {
    return null;
  }
  return isPanelPageUrl(sender.url, policy.devOrigins) ? 'page' : null;
}

/** Page content scripts may only call the port and ask for the sign-in page; the rest is for extension pages. */
export function isKindAllowed(role: SenderRole, kind: RequestKind): boolean {
  return role === 'extension-page' || PAGE_KINDS.has(kind);
}
