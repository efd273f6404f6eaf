/**
 * The contact a collector would call first. Its own module, not Header.tsx's: the forms import it, and taking
 * Header along brought forms/lazy.ts's dynamic import into the classic forms script, whose bundler then wrapped
 * every module in lazy-init code (decision 0018, fifth pass).
 */
import type { Contact } from '../../../connector/domain/model';

/** Primary, else a debtor/AP contact, else the first. */
export function defaultContact(contacts: Contact[]): Contact | undefined {
  return contacts.find((c) => c.primary) ?? contacts.find((c) => c.role === 'debtor' || c.role === 'accounts_payable') ?? contacts[0];
}
