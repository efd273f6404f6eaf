import { describe, expect, it } from 'vitest';
import { to18 } from '../ids';
import { accountIdField, buildSnapshotRequest, contextQuery, refObject } from './build';
import { presetMapping } from '../mapping/presets';

describe('the record a panel opens on (issue 19: quotes too)', () => {
  it('resolves a Quote to its account through Quote.AccountId, in the same ctx subrequest', () => {
    const id = to18('0Q05g000000AbCd');
    expect(refObject({ id })).toBe('Quote');
    expect(refObject({ id, objectType: 'quote' })).toBe('Quote');
    expect(accountIdField('Quote')).toBe('AccountId');
    expect(() => refObject({ id, objectType: 'opportunity' })).toThrow(/is a Quote, not a Opportunity/);
    const request = buildSnapshotRequest(presetMapping('product'), { id }, { now: new Date('2026-11-20T00:00:00Z') });
    expect(request.compositeRequest[0]!.url).toBe(`/services/data/v66.0/sobjects/Quote/${id}?fields=AccountId`);
    expect(contextQuery('Quote', `'${id}'`)).toBe(`SELECT AccountId FROM Quote WHERE Id = '${id}'`);
  });
});
