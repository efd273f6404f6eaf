import { describe, expect, it } from 'vitest';
import type { Activity } from './model';
import { salesAgreedTerms, salesTermsOf } from './sales-terms';

const note = (id: string, occurredAt: string, extra: Partial<Activity>): Activity => ({ id, kind: 'note', direction: 'outbound', occurredAt, conversation: false, ...extra });

describe('payment terms agreed by sales (issue 19)', () => {
  it('recognises the subject prefix in any case and spacing, and nothing else', () => {
    expect(salesTermsOf('Payment terms: net 60')).toBe('net 60');
    expect(salesTermsOf('  payment TERMS :INV-1 paid in March ')).toBe('INV-1 paid in March');
    expect(salesTermsOf('Call about payment terms: net 60')).toBeNull();
    expect(salesTermsOf('Payment terms agreed')).toBeNull();
    expect(salesTermsOf(null)).toBeNull();
  });

  it('lists only what sales agreed, newest first, with who agreed', () => {
    const list = salesAgreedTerms([
      note('a', '2026-11-01T10:00:00Z', { agreedBySales: true, subject: 'net 60', createdBy: { id: '005000000000001AAA', name: 'Arjun Mehta' } }),
      note('b', '2026-11-10T10:00:00Z', { subject: 'Visit summary' }),
      note('c', '2026-11-12T10:00:00Z', { agreedBySales: true, subject: 'INV-1 in March', body: 'after the renewal' }),
    ]);
    expect(list).toEqual([
      { id: 'c', occurredAt: '2026-11-12T10:00:00Z', text: 'INV-1 in March — after the renewal', by: null },
      { id: 'a', occurredAt: '2026-11-01T10:00:00Z', text: 'net 60', by: 'Arjun Mehta' },
    ]);
  });
});
