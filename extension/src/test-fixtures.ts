/** Real-shaped fixtures shared by the extension's unit tests. */
import type { LogCallInput } from '../../connector/port';

export const ACCOUNT = '0015g00000XyZ12AAF';

export const validLogCall: LogCallInput = {
  idempotencyKey: 'call-2026-11-22-0001',
  accountId: ACCOUNT,
  contactId: '0035g00000AbCdEAAV',
  direction: 'outbound',
  disposition: 'reached',
  conversation: true,
  durationSeconds: 240,
  occurredAt: '2026-11-22T10:15:00+01:00',
  notes: 'Promised to pay INV-1042 on Friday.',
  followUpDate: '2026-11-27',
  invoiceIds: ['a0B5g00000Inv01AAA'],
  complianceOverride: null,
};
