import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors';
import { IDS } from '../../test/contract/dataset';
import type { CompositeResponse } from './client';
import { productPreset } from './mapping/presets';
import { mapSnapshot } from './snapshot/map';
import { ValueError, addDays, dayInZone, isKnownTimeZone, toMinorUnits } from './values';

describe('dayInZone', () => {
  it('gives the calendar day in an explicit zone', () => {
    expect(dayInZone('2026-11-20T20:00:00.000Z', 'Asia/Kolkata')).toBe('2026-11-21');
    expect(dayInZone('2026-11-20T20:00:00.000Z', 'America/Los_Angeles')).toBe('2026-11-20');
    expect(dayInZone('2026-11-20T23:59:59.000Z', null)).toBe('2026-11-20');
  });

  it('rejects an unknown zone with invalid_input naming it, instead of silently using UTC', () => {
    let error: unknown;
    try {
      dayInZone('2026-11-20T20:00:00.000Z', 'Asia/Bangalore');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: 'invalid_input', fields: ['timeZone'] });
    expect((error as ConnectorError).userMessage).toContain('Asia/Bangalore');
    expect(isKnownTimeZone('Asia/Bangalore')).toBe(false);
    expect(isKnownTimeZone('Asia/Kolkata')).toBe(true);
  });

  it('an unknown account zone in CRM data is a data-quality note, not a blank panel', () => {
    const ok = (referenceId: string, records: unknown[]): CompositeResponse['compositeResponse'][number] => ({ referenceId, httpStatusCode: 200, httpHeaders: {}, body: { totalSize: records.length, done: true, records } });
    /** ctx is an sObject Rows GET (decision 0028): its body is the record. */
    const row = (referenceId: string, record: Record<string, unknown>): CompositeResponse['compositeResponse'][number] => ({ referenceId, httpStatusCode: 200, httpHeaders: {}, body: record });
    const mapping = productPreset();
    const zoneField = mapping.account.fields.timeZone;
    expect(zoneField).toBeTruthy();
    const caseRecord = { Id: IDS.disputeCase, CreatedDate: '2026-11-01T10:00:00.000+0000', CaseNumber: '1', Dispute_Status__c: 'New', Dispute_Reason__c: 'Pricing', SLA_Due_Date__c: '2026-12-01', Owner: { Id: IDS.owner, Name: 'O' } };
    const snapshot = mapSnapshot(mapping, { compositeResponse: [
      row('ctx', { Id: IDS.account }),
      ok('account', [{ Id: IDS.account, Name: 'A', OwnerId: IDS.owner, Owner: { Id: IDS.owner, Name: 'O' }, [zoneField as string]: 'Mars/Olympus', Cases: { totalSize: 1, done: true, records: [caseRecord] } }]),
      ok('invoices', []),
    ] });
    expect(snapshot.account.timeZone).toBeNull();
    expect(snapshot.disputes[0]?.openedOn).toBe('2026-11-01');
    expect(snapshot.dataQuality).toEqual([expect.objectContaining({ recordKind: 'account', field: 'timeZone' })]);
  });
});

describe('addDays (the domain function)', () => {
  it('handles years below 100 and leap days without Date.UTC surprises', () => {
    expect(addDays('0050-01-01', -1)).toBe('0049-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-11-20', -365)).toBe('2025-11-20');
  });
});

describe('toMinorUnits', () => {
  it('reads amounts exactly in the currency exponent, up to the largest safe integer and no further', () => {
    expect(toMinorUnits(1234.5, 'USD', 'total')).toEqual({ amountMinor: 123450, currency: 'USD' });
    expect(toMinorUnits('-0.00', 'USD', 'total')).toEqual({ amountMinor: 0, currency: 'USD' });
    expect(toMinorUnits('12.345', 'KWD', 'total')).toEqual({ amountMinor: 12345, currency: 'KWD' });
    expect(toMinorUnits(999999999999.99, 'USD', 'total').amountMinor).toBe(99999999999999);
    expect(toMinorUnits('-9999999999999.99', 'INR', 'total').amountMinor).toBe(-999999999999999);
    expect(toMinorUnits('00000000000000000012.30', 'USD', 'total').amountMinor).toBe(1230);
    expect(toMinorUnits('90071992547409.91', 'USD', 'total').amountMinor).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toMinorUnits('90071992547409.92', 'USD', 'total')).toThrow(ValueError);
    expect(() => toMinorUnits('1.001', 'USD', 'total')).toThrow(/more decimals/);
  });
});
