/**
 * Who a step goes to. Customer steps climb the customer's contact ladder (AP clerk → AP manager →
 * controller or CFO in the default strategy), matched by contact role (vocabulary CONTACT_ROLES) and
 * title words; when nobody sits at the step's level, the nearest lower level answers (then the
 * nearest higher), and the reason says so. An escalated e-mail copies the level below, so the
 * person who handles the invoice sees it. Internal steps go to our own people.
 */
import type { Contact, UserRef } from '../model';
import type { ContactLevel, Strategy, StrategyStep } from './schema';

/** One recipient of a step; the first is the addressee. */
export type Recipient =
  | { kind: 'contact'; contactId: string; name: string; level: string; copy: boolean }
  | { kind: 'sales_owner'; user: UserRef | null }
  | { kind: 'collector_manager' }
  | { kind: 'legal' }
  | { kind: 'agency' };

/** Highest level a contact matches, or -1. */
export function contactLevelOf(contact: Contact, levels: readonly ContactLevel[]): number {
  const title = (contact.title ?? '').toLowerCase();
  for (let level = levels.length - 1; level >= 0; level -= 1) {
    const { roles, titleWords } = levels[level]!;
    if (roles.includes(contact.role) && (titleWords.length === 0 || titleWords.some((word) => title.includes(word.toLowerCase())))) {
      return level;
    }
  }
  return -1;
}

/** The addressee's level and copies for a step, with a sentence when the ladder had to bend. */
export function chooseRecipients(step: StrategyStep, strategy: Strategy, contacts: readonly Contact[] | null, owner: UserRef | null): { recipients: Recipient[]; note: string | null } {
  switch (step.action) {
    case 'escalate_sales_owner':
    case 'suggest_credit_hold':
      return { recipients: [{ kind: 'sales_owner', user: owner }], note: owner === null ? 'The account has no owner on file to escalate to.' : null };
    case 'escalate_collector_manager':
      return { recipients: [{ kind: 'collector_manager' }], note: null };
    case 'hand_to_legal':
      return { recipients: [{ kind: 'legal' }], note: null };
    case 'hand_to_agency':
      return { recipients: [{ kind: 'agency' }], note: null };
    default:
      break;
  }
  if (contacts === null) {
    return { recipients: [], note: null }; // not read here: the panel names the person
  }
  const levels = strategy.contactLevels;
  const byLevel = new Map<number, Contact[]>();
  // Primary contacts first, then the order given (stable).
  const ordered = [...contacts].sort((a, b) => Number(b.primary === true) - Number(a.primary === true));
  for (const contact of ordered) {
    const level = contactLevelOf(contact, levels);
    if (level >= 0) {
      byLevel.set(level, [...(byLevel.get(level) ?? []), contact]);
    }
  }
  const wanted = step.contactLevel!;
  const order = [wanted, ...range(wanted - 1, -1), ...range(wanted + 1, levels.length)];
  const level = order.find((candidate) => byLevel.has(candidate));
  if (level === undefined) {
    return { recipients: [], note: `No ${levels[wanted]!.label} contact on file: add one before this step.` };
  }
  const to = byLevel.get(level)![0]!;
  const recipients: Recipient[] = [{ kind: 'contact', contactId: to.id, name: to.name, level: levels[level]!.label, copy: false }];
  if (step.action === 'email') {
    const below = range(level - 1, -1).find((candidate) => byLevel.has(candidate));
    if (below !== undefined) {
      const copy = byLevel.get(below)![0]!;
      recipients.push({ kind: 'contact', contactId: copy.id, name: copy.name, level: levels[below]!.label, copy: true });
    }
  }
  const note = level === wanted ? null : `No ${levels[wanted]!.label} on file: to the ${levels[level]!.label} instead.`;
  return { recipients, note };
}

/** from, from±1 … up to (excluding) `to`. */
function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; from <= to ? i < to : i > to; i += from <= to ? 1 : -1) {
    out.push(i);
  }
  return out;
}
