import { describe, expect, it } from 'vitest';
import type { Account, Contact } from '../model';
import { getProfileRules } from '../compliance/profiles';
import { STRESS_HOST_ZONES, expectDomainError, underHostTimeZones } from '../test-support';
import { DEFAULT_STRATEGY } from './defaults';
import { nextAction } from './next-action';
import type { LadderFacts } from './next-action';
import type { Strategy } from './schema';

const contacts: Contact[] = [
  { id: 'c-clerk', name: 'Ana Clerk', title: 'Accounts Payable', role: 'accounts_payable', phones: [{ number: '+14155550100', kind: 'work' }], optOuts: [], timeZone: 'America/Los_Angeles' },
  { id: 'c-apm', name: 'Meera Manager', title: 'Accounts Payable Manager', role: 'accounts_payable', phones: [{ number: '+14155550101', kind: 'work' }], optOuts: [], timeZone: 'America/Los_Angeles' },
  { id: 'c-cfo', name: 'Kevin Walsh', title: 'CFO', role: 'debtor', phones: [{ number: '+14155550102', kind: 'work' }], optOuts: [], timeZone: 'America/Los_Angeles' },
];

/** An account whose oldest invoice fell due on 2026-03-01, standard segment, nothing else going on. */
function facts(overrides: Partial<LadderFacts> = {}): LadderFacts {
  return {
    accountId: 'A1',
    zone: 'America/Los_Angeles',
    collectable: { amountMinor: 1_000_000, currency: 'USD' },
    oldestDueDate: '2026-03-01',
    disputedInvoices: 0,
    promiseDueDate: null,
    plan: null,
    lastContactAt: null,
    riskRating: 'medium',
    keyAccount: false,
    country: 'US',
    complianceProfile: 'b2b-default',
    owner: { id: 'U-owner', name: 'Sam Sales' },
    contacts,
    ...overrides,
  };
}

/** Noon in Los Angeles on a local date (20:00Z in winter, 19:00Z in summer). */
const noonLA = (date: string) => `${date}T12:00:00-08:00`;

describe('nextAction: the ladder by days past due (standard segment: -3, 3, 10, 20, 30, 45, 60, 75, 90)', () => {
  it('before the first step: the pre-due reminder is scheduled on its day', () => {
    const answer = nextAction(facts(), { at: noonLA('2026-02-20') });
    expect(answer).toMatchObject({ status: 'scheduled', segmentId: 'standard', action: 'email', dueOn: '2026-02-26', daysPastDue: -9 });
    expect(answer.step?.id).toBe('pre-due');
    expect(answer.reason).toContain('falls due in 9 days');
  });

  it.each([
    ['2026-02-26', 'pre-due', -3],
    ['2026-03-04', 'first-reminder', 3],
    ['2026-03-15', 'second-reminder', 14],
    ['2026-03-21', 'first-call', 20],
    ['2026-04-15', 'finance-call', 45],
    ['2026-06-10', 'agency', 101],
  ])('on %s (never contacted) the step in force is %s, due on its own day', (today, stepId, dpd) => {
    const answer = nextAction(facts(), { at: noonLA(today) });
    expect(answer.step?.id).toBe(stepId);
    expect(answer.status).toBe('due');
    expect(answer.daysPastDue).toBe(dpd);
    const stepDay = DEFAULT_STRATEGY.segments.find((s) => s.id === 'standard')!.steps.find((s) => s.id === stepId)!.offsetDays;
    expect(answer.daysLate).toBe(dpd - stepDay);
  });

  it('a contact on or after the step day marks it done: the next step follows on its own day', () => {
    const answer = nextAction(facts({ lastContactAt: '2026-03-11T17:00:00Z' }), { at: noonLA('2026-03-15') });
    expect(answer).toMatchObject({ status: 'scheduled', dueOn: '2026-03-21' });
    expect(answer.step?.id).toBe('first-call');
    expect(answer.reason).toContain('"Second reminder to the accounts payable manager" was done (contact on 11 March 2026)');
  });

  it('every step done: nothing left on the ladder, and it says so', () => {
    const answer = nextAction(facts({ lastContactAt: '2026-06-01T17:00:00Z' }), { at: noonLA('2026-06-10') });
    expect(answer.status).toBe('none');
    expect(answer.reason).toMatch(/^Every step of the everyone else ladder is done/);
  });

  it('days are counted on the account\'s calendar: late evening in Los Angeles is still the day before in UTC terms', () => {
    // 2026-03-04T07:30Z is 23:30 on 3 March in Los Angeles: 2 days past due, the first reminder (day 3) not yet due.
    const la = nextAction(facts(), { at: '2026-03-04T07:30:00Z' });
    expect(la.daysPastDue).toBe(2);
    expect(la.step?.id).toBe('pre-due');
    const tokyo = nextAction(facts({ zone: 'Asia/Tokyo' }), { at: '2026-03-04T07:30:00Z' });
    expect(tokyo.daysPastDue).toBe(3);
    expect(tokyo.step?.id).toBe('first-reminder');
  });
});

describe('nextAction: pause rules', () => {
  it('a wholly disputed invoice leaves the ladder: with nothing else open there is nothing to chase', () => {
    const answer = nextAction(facts({ oldestDueDate: null, disputedInvoices: 2 }), { at: noonLA('2026-04-01') });
    expect(answer.status).toBe('none');
    expect(answer.reason).toBe('Every open invoice is disputed: nothing to chase until the disputes are settled. The amounts stay in the figures.');
  });

  it('with undisputed invoices left, the ladder runs on them and mentions the disputed ones', () => {
    const answer = nextAction(facts({ oldestDueDate: '2026-03-20', disputedInvoices: 1 }), { at: noonLA('2026-04-01') });
    expect(answer.step?.id).toBe('second-reminder');
    expect(answer.reason).toContain('1 disputed invoice wait for their disputes and stay in the figures.');
  });

  it('a promise in force pauses until its date plus tolerance days; a broken one lets the ladder run', () => {
    const inForce = nextAction(facts({ promiseDueDate: '2026-03-20' }), { at: noonLA('2026-03-21') });
    expect(inForce).toMatchObject({ status: 'paused', dueOn: '2026-03-23' });
    expect(inForce.reason).toContain('Paused: the customer promised to pay by 20 March 2026 (plus 2 days for the money to arrive).');
    const lastDay = nextAction(facts({ promiseDueDate: '2026-03-20' }), { at: noonLA('2026-03-22') });
    expect(lastDay.status).toBe('paused');
    const broken = nextAction(facts({ promiseDueDate: '2026-03-20' }), { at: noonLA('2026-03-23') });
    expect(broken).toMatchObject({ status: 'due', dueOn: '2026-03-21' });
    expect(broken.step?.id).toBe('first-call');
    expect(broken.reason).toContain('The promise to pay by 20 March 2026 was not kept.');
  });

  it('a plan being honoured pauses; an instalment late beyond tolerance resumes the ladder', () => {
    const honoured = nextAction(facts({ plan: { oldestUnpaidDueDate: null, nextInstalmentDate: '2026-04-15' } }), { at: noonLA('2026-04-01') });
    expect(honoured).toMatchObject({ status: 'paused', dueOn: '2026-04-19' });
    expect(honoured.reason).toContain('Paused while the payment plan is honoured');
    const withinTolerance = nextAction(facts({ plan: { oldestUnpaidDueDate: '2026-03-29', nextInstalmentDate: '2026-04-29' } }), { at: noonLA('2026-04-01') });
    expect(withinTolerance.status).toBe('paused');
    const behind = nextAction(facts({ plan: { oldestUnpaidDueDate: '2026-03-28', nextInstalmentDate: '2026-04-28' } }), { at: noonLA('2026-04-01') });
    expect(behind.status).toBe('due');
    expect(behind.reason).toContain('The payment plan is behind: the instalment of 28 March 2026 is 4 days late.');
  });

  it('keeps a minimum gap between contacts', () => {
    // Contacted on 14 March (after the day-10 step): next is the call on day 20 = 21 March, not moved.
    expect(nextAction(facts({ lastContactAt: '2026-03-14T18:00:00Z' }), { at: noonLA('2026-03-15') }).dueOn).toBe('2026-03-21');
    // Contacted on 2 March, before the day-3 step: the reminder is due on 4 March but waits until 5 March.
    const answer = nextAction(facts({ lastContactAt: '2026-03-02T18:00:00Z' }), { at: noonLA('2026-03-04') });
    expect(answer).toMatchObject({ status: 'scheduled', dueOn: '2026-03-05' });
    expect(answer.reason).toContain('Last contact was on 2 March 2026; contacts are at least 3 days apart.');
  });

  it('a compliance block moves the step to the engine\'s next allowed time', () => {
    const account: Account = {
      id: 'A1', name: 'Harbor Freight', owner: { id: 'U-owner', name: 'Sam Sales' }, segment: 'b2b', country: 'US', timeZone: 'America/Los_Angeles',
      complianceProfile: 'b2b-default', currency: 'USD', flags: [],
    };
    const compliance = { rules: getProfileRules('b2b-default'), account, history: [] };
    // Saturday 21 March 2026, the first call is due: B2B calls Mon-Fri 09:00-18:00 in the contact's zone.
    const saturday = nextAction(facts(), { at: noonLA('2026-03-21'), compliance });
    expect(saturday.action).toBe('call');
    expect(saturday.dueOn).toBe('2026-03-23');
    expect(saturday.dueAt).toBe('2026-03-23T16:00:00.000Z');
    expect(saturday.status).toBe('scheduled');
    expect(saturday.reason).toContain('Not allowed now');
    expect(saturday.reason).toContain('moved to the next allowed time, 23 March 2026.');
    // A weekday at noon: allowed now.
    const monday = nextAction(facts(), { at: noonLA('2026-03-23'), compliance });
    expect(monday).toMatchObject({ status: 'due', dueAt: noonLA('2026-03-23') });
    expect(monday.reason).not.toContain('Not allowed');
  });

  it('a compliance block with no end (opted out of calls) is reported as blocked', () => {
    const optedOut = contacts.map((contact) => ({ ...contact, optOuts: ['call' as const] }));
    const account: Account = { id: 'A1', name: 'X', owner: { id: 'U', name: 'S' }, segment: 'b2b', currency: 'USD', flags: [], timeZone: 'America/Los_Angeles' };
    const answer = nextAction(facts({ contacts: optedOut }), { at: noonLA('2026-03-23'), compliance: { rules: getProfileRules('b2b-default'), account, history: [] } });
    expect(answer.status).toBe('blocked');
    expect(answer.reason).toMatch(/Blocked: .*with no known end\.$/);
  });
});

describe('nextAction: recipients escalate along the customer\'s contacts', () => {
  it('AP clerk, then the AP manager with the clerk copied, then the controller or CFO', () => {
    const first = nextAction(facts(), { at: noonLA('2026-03-04') });
    expect(first.recipients).toEqual([{ kind: 'contact', contactId: 'c-clerk', name: 'Ana Clerk', level: 'accounts payable', copy: false }]);
    const second = nextAction(facts(), { at: noonLA('2026-03-12') });
    expect(second.recipients.map((r) => r.kind === 'contact' && [r.contactId, r.copy])).toEqual([['c-apm', false], ['c-clerk', true]]);
    const finance = nextAction(facts(), { at: noonLA('2026-04-16') });
    expect(finance.recipients).toEqual([{ kind: 'contact', contactId: 'c-cfo', name: 'Kevin Walsh', level: 'controller or CFO', copy: false }]);
  });

  it('falls back to the nearest lower level and says so; with no contact at all it asks for one', () => {
    const noCfo = nextAction(facts({ contacts: contacts.slice(0, 2) }), { at: noonLA('2026-04-16') });
    expect(noCfo.recipients[0]).toMatchObject({ contactId: 'c-apm' });
    expect(noCfo.reason).toContain('No controller or CFO on file: to the accounts payable manager instead.');
    const none = nextAction(facts({ contacts: [] }), { at: noonLA('2026-03-04') });
    expect(none.recipients).toEqual([]);
    expect(none.reason).toContain('No accounts payable contact on file: add one before this step.');
    const unread = nextAction(facts({ contacts: null }), { at: noonLA('2026-03-04') });
    expect(unread.recipients).toEqual([]);
    expect(unread.reason).not.toContain('on file');
  });

  it('internal steps go to the sales owner, the collector\'s manager, legal or an agency', () => {
    const key = facts({ keyAccount: true });
    expect(nextAction(key, { at: noonLA('2026-04-01') }).recipients).toEqual([{ kind: 'sales_owner', user: { id: 'U-owner', name: 'Sam Sales' } }]);
    expect(nextAction(key, { at: noonLA('2026-05-01') }).recipients).toEqual([{ kind: 'collector_manager' }]);
    expect(nextAction(facts(), { at: noonLA('2026-06-01') }).recipients).toEqual([{ kind: 'agency' }]);
    const risky = facts({ riskRating: 'high', collectable: { amountMinor: 6_000_000, currency: 'USD' } });
    expect(nextAction(risky, { at: noonLA('2026-05-01') }).recipients).toEqual([{ kind: 'legal' }]);
  });
});

describe('nextAction: segments', () => {
  it.each([
    [{ keyAccount: true }, 'key-accounts'],
    [{ complianceProfile: 'uk-fca', country: 'GB' }, 'regulated-consumer'],
    [{ riskRating: 'high' as const, collectable: { amountMinor: 5_000_000, currency: 'USD' } }, 'high-risk-large'],
    [{ riskRating: 'high' as const, collectable: { amountMinor: 4_999_999, currency: 'USD' } }, 'large'],
    [{ collectable: { amountMinor: 2_500_000, currency: 'USD' } }, 'large'],
    [{ collectable: { amountMinor: 2_499_999, currency: 'USD' } }, 'standard'],
    [{ complianceProfile: null }, 'standard'],
  ])('%o → %s', (overrides, segmentId) => {
    expect(nextAction(facts(overrides as Partial<LadderFacts>), { at: noonLA('2026-03-04') }).segmentId).toBe(segmentId);
  });

  it('selects by country and amount band in a tenant strategy; first match wins', () => {
    const strategy: Strategy = {
      ...DEFAULT_STRATEGY,
      segments: [
        { id: 'india-small', name: 'India, small', match: { countries: ['IN'], maxAmountMinor: 100_000 }, steps: [{ id: 'call', label: 'Call', offsetDays: 1, action: 'call', contactLevel: 0 }] },
        { id: 'rest', name: 'Rest', match: {}, steps: [{ id: 'mail', label: 'Mail', offsetDays: 1, action: 'email', templateId: 't', contactLevel: 0 }] },
      ],
    };
    expect(nextAction(facts({ country: 'IN', collectable: { amountMinor: 99_999, currency: 'USD' } }), { at: noonLA('2026-03-04'), strategy }).segmentId).toBe('india-small');
    expect(nextAction(facts({ country: 'IN', collectable: { amountMinor: 100_000, currency: 'USD' } }), { at: noonLA('2026-03-04'), strategy }).segmentId).toBe('rest');
    expect(nextAction(facts({ country: 'US', collectable: { amountMinor: 10, currency: 'USD' } }), { at: noonLA('2026-03-04'), strategy }).segmentId).toBe('rest');
  });

  it('refuses an amount in another currency than the strategy\'s thresholds', () => {
    expectDomainError(() => nextAction(facts({ collectable: { amountMinor: 1, currency: 'EUR' } }), { at: noonLA('2026-03-04') }), 'currency_mismatch', 'facts.collectable.currency');
  });

  it('nothing collectable: nothing to chase', () => {
    expect(nextAction(facts({ collectable: { amountMinor: 0, currency: 'USD' } }), { at: noonLA('2026-03-04') })).toMatchObject({ status: 'none', reason: 'Nothing collectable: credits or disputes cover the open balance.' });
  });
});

describe('nextAction: answers independent of the host time zone', () => {
  it('gives the same answer under six host zones', () => {
    const account: Account = { id: 'A1', name: 'X', owner: { id: 'U', name: 'S' }, segment: 'b2b', currency: 'USD', flags: [], timeZone: 'America/Los_Angeles' };
    const compliance = { rules: getProfileRules('b2b-default'), account, history: [] };
    const answers = underHostTimeZones(STRESS_HOST_ZONES, () => [
      nextAction(facts(), { at: '2026-03-04T07:30:00Z' }),
      nextAction(facts({ lastContactAt: '2026-03-02T18:00:00Z', promiseDueDate: '2026-03-01' }), { at: noonLA('2026-03-04') }),
      nextAction(facts(), { at: noonLA('2026-03-21'), compliance }),
    ]);
    for (const answer of answers) {
      expect(answer).toEqual(answers[0]);
    }
  });
});
