/**
 * Real-shaped fixtures for compliance tests (consumer debtor, B2B AP contact, call history).
 * Test-only helpers; not exported from the domain barrel.
 */
import type { Account, Activity, Contact } from '../model';
import type { HistoryActivity } from './engine';

export function debtorAccount(overrides: Partial<Account> = {}): Account {
  return {
    id: '001R000000AbCdEIAV',
    name: 'Maria Alvarez',
    accountNumber: 'C-104233',
    owner: { id: '005R0000001xYzAIAU', name: 'Dana Collector' },
    segment: 'b2c',
    country: 'US',
    region: 'NY',
    timeZone: null,
    complianceProfile: 'us-fdcpa',
    currency: 'USD',
    flags: [],
    ...overrides,
  };
}

export function debtorContact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: '003R000000Xy12AIAB',
    name: 'Maria Alvarez',
    email: 'maria.alvarez@example.com',
    phones: [{ number: '+1 212 555 0147', kind: 'mobile', timeZone: 'America/New_York' }],
    timeZone: 'America/New_York',
    role: 'debtor',
    optOuts: [],
    primary: true,
    ...overrides,
  };
}

let sequence = 0;

/** An outbound unanswered call to the fixture contact unless overridden. */
export function call(occurredAt: string, overrides: Partial<HistoryActivity> = {}): HistoryActivity {
  sequence += 1;
  const activity: Activity = {
    id: `00TR00000${String(sequence).padStart(6, '0')}`,
    kind: 'call',
    direction: 'outbound',
    occurredAt,
    contactId: '003R000000Xy12AIAB',
    disposition: 'no_answer',
    durationSeconds: 0,
    conversation: false,
  };
  return { ...activity, ...overrides };
}

/** A right-party conversation (starts the Reg F 7-day clock). */
export function conversation(occurredAt: string, overrides: Partial<HistoryActivity> = {}): HistoryActivity {
  return call(occurredAt, { disposition: 'reached', durationSeconds: 240, conversation: true, ...overrides });
}

/** Irish public holidays 2026 (Citizens Information): supplied as calendar input, never hard-coded in the engine. */
export const IE_PUBLIC_HOLIDAYS_2026 = [
  '2026-01-01',
  '2026-02-02',
  '2026-03-17',
  '2026-04-06',
  '2026-05-04',
  '2026-06-01',
  '2026-08-03',
  '2026-10-26',
  '2026-12-25',
  '2026-12-26',
];
