/**
 * Collection strategies as Custom Metadata, read by the connector from the sandbox over real HTTP
 * (SOQL on the `__mdt` types, as in an org): the seeded records are the shipped defaults, and a bad
 * record is a configuration error naming the record and the field, never a silent default
 * (docs/decisions/0015, 0023).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STRATEGY } from '../../connector/domain/strategy/defaults';
import { ConnectorError } from '../../connector/errors';
import { createFetchClient } from '../../connector/salesforce';
import type { FetchSalesforceClient } from '../../connector/salesforce/fetch-client';
import type { SalesforceRecord } from '../../connector/salesforce/client';
import { readStrategy, strategyFromRecords } from '../../connector/salesforce/strategy-read';
import { STRATEGY_TYPES, developerNameOf, strategyMetadataRecords } from '../../connector/salesforce/strategy-metadata';
import type { CmdtRecord } from '../../connector/salesforce/strategy-metadata';
import { createSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';

const TODAY = '2026-11-20';

describe('strategies read from Custom Metadata in the sandbox', () => {
  let sandbox: Sandbox;
  let client: FetchSalesforceClient;
  beforeAll(async () => {
    sandbox = await createSandbox({ port: 0, dataFile: null, seed: { seed: 5, accounts: 3, referenceDate: TODAY }, today: TODAY });
    client = createFetchClient({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('reads the seeded default strategy back equal to DEFAULT_STRATEGY, in four queries', async () => {
    let queries = 0;
    const counting = { ...client, query: (soql: string) => { queries++; return client.query(soql); } } as FetchSalesforceClient;
    const strategy = await readStrategy(counting, developerNameOf(DEFAULT_STRATEGY.id));
    expect(strategy).toEqual(DEFAULT_STRATEGY);
    expect(queries).toBe(4);
  });

  it('the __mdt types are queryable but not writable through the data API', async () => {
    const result = await client.query(`SELECT DeveloperName, Action__c FROM ${STRATEGY_TYPES.step} WHERE Segment__r.DeveloperName = 'Standard' ORDER BY Offset_Days__c`);
    expect(result.records.map((r) => r.Action__c)).toEqual(DEFAULT_STRATEGY.segments.at(-1)?.steps.map((s) => s.action));
    await expect(client.create(STRATEGY_TYPES.step, { Key__c: 'x' })).rejects.toThrow();
  });

  it('an unknown strategy is not_found, not the default', async () => {
    const error = await readStrategy(client, 'No_Such_Strategy').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).kind).toBe('not_found');
    expect((error as ConnectorError).userMessage).toContain('No_Such_Strategy');
  });
});

/** The default's records shaped as SOQL returns them, for the broken-record cases. */
function recordsAs(records: CmdtRecord[]): { head: SalesforceRecord; levels: SalesforceRecord[]; segments: SalesforceRecord[]; steps: SalesforceRecord[] } {
  const soql = (r: CmdtRecord): SalesforceRecord => ({ attributes: { type: STRATEGY_TYPES[r.kind], url: '' }, DeveloperName: r.developerName, ...r.values } as SalesforceRecord);
  const steps = records.filter((r) => r.kind === 'step').map((r) => ({ ...soql(r), Segment__r: { DeveloperName: r.values.Segment__c } }) as SalesforceRecord);
  return {
    head: soql(records.find((r) => r.kind === 'strategy')!),
    levels: records.filter((r) => r.kind === 'contactLevel').map(soql),
    segments: records.filter((r) => r.kind === 'segment').map(soql),
    steps: steps.sort((a, b) => Number(a.Offset_Days__c) - Number(b.Offset_Days__c)),
  };
}

function errorOf(change: (parts: ReturnType<typeof recordsAs>) => void): ConnectorError {
  const parts = recordsAs(strategyMetadataRecords(DEFAULT_STRATEGY));
  change(parts);
  try {
    strategyFromRecords(parts.head, parts.levels, parts.segments, parts.steps);
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    return error as ConnectorError;
  }
  throw new Error('expected the strategy to be refused');
}

const step = (parts: ReturnType<typeof recordsAs>, name: string): SalesforceRecord => parts.steps.find((s) => s.DeveloperName === name)!;

describe('an invalid strategy record names the record and the field', () => {
  it('round-trips the default through records', () => {
    const parts = recordsAs(strategyMetadataRecords(DEFAULT_STRATEGY));
    expect(strategyFromRecords(parts.head, parts.levels, parts.segments, parts.steps)).toEqual(DEFAULT_STRATEGY);
  });

  it('an e-mail step without a template', () => {
    const error = errorOf((p) => {
      step(p, 'Standard_First_Reminder').Template_Id__c = null;
    });
    expect(error.kind).toBe('configuration');
    expect(error.userMessage).toContain('step Standard_First_Reminder (Collection_Strategy_Step__mdt), field Template_Id__c');
    expect(error.userMessage).toContain('needs a template id');
    expect(error.fields).toEqual(['Collection_Strategy_Step__mdt.Template_Id__c']);
  });

  it('a step going to a contact level the strategy does not have', () => {
    const error = errorOf((p) => {
      step(p, 'Large_First_Call').Contact_Level__c = 'ceo';
    });
    expect(error.userMessage).toContain('step Large_First_Call (Collection_Strategy_Step__mdt), field Contact_Level__c');
    expect(error.userMessage).toContain("no contact level 'ceo'");
  });

  it('an unknown action, an empty offset and an offset out of range', () => {
    expect(errorOf((p) => {
      step(p, 'Standard_Letter').Action__c = 'fax';
    }).userMessage).toContain('step Standard_Letter (Collection_Strategy_Step__mdt), field Action__c');
    expect(errorOf((p) => {
      step(p, 'Standard_Letter').Offset_Days__c = null;
    }).userMessage).toContain('step Standard_Letter (Collection_Strategy_Step__mdt), field Offset_Days__c');
    expect(errorOf((p) => {
      step(p, 'Standard_Letter').Offset_Days__c = 800;
    }).userMessage).toMatch(/field Offset_Days__c: .*730/);
  });

  it('a segment amount with more decimals than its currency, a bad risk rating, a bad pause rule', () => {
    expect(errorOf((p) => {
      p.segments.find((s) => s.DeveloperName === 'Large')!.Min_Amount__c = 25000.005;
    }).userMessage).toContain('segment Large (Collection_Strategy_Segment__mdt), field Min_Amount__c');
    expect(errorOf((p) => {
      p.segments.find((s) => s.DeveloperName === 'High_Risk_Large')!.Risk_Ratings__c = 'high, severe';
    }).userMessage).toContain('segment High_Risk_Large (Collection_Strategy_Segment__mdt), field Risk_Ratings__c');
    expect(errorOf((p) => {
      p.head.Min_Gap_Days__c = 45;
    }).userMessage).toContain('strategy B2b_Default (Collection_Strategy__mdt), field Min_Gap_Days__c');
  });

  it('a dispute SLA that is not JSON', () => {
    const error = errorOf((p) => {
      p.head.Dispute_Sla__c = '{"answerDays": 5';
    });
    expect(error.userMessage).toContain('strategy B2b_Default (Collection_Strategy__mdt), field Dispute_Sla__c: is not valid JSON');
  });

  it('a last segment that does not take everyone', () => {
    const error = errorOf((p) => {
      p.segments.at(-1)!.Countries__c = 'DE';
    });
    expect(error.userMessage).toContain('segment Standard (Collection_Strategy_Segment__mdt)');
    expect(error.userMessage).toContain('last segment must take every account');
  });
});
