import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors';
import type { WriteResult } from '../port';
import { describeWrite } from './plan';
import type { NeutralWrite } from './plan';
import { createWriteOnce, isUnknownOutcome } from './write-once';
import type { KeyedWriteAdapter, OutcomeStore } from './write-once';

/** A CRM with a unique key per record kind, whose answers can be lost after the commit. */
function fakeCrm() {
  const rows = new Map<string, string>();
  let seq = 0;
  const plan: { loseAnswer?: Error; refuse?: Error; findFails?: Error } = {};
  const calls = { send: 0, find: 0 };
  const adapter: KeyedWriteAdapter = {
    async findByKey(write) {
      calls.find += 1;
      if (plan.findFails) {
        const error = plan.findFails;
        delete plan.findFails;
        throw error;
      }
      return rows.get(`${write.recordKind}:${write.key}`) ?? null;
    },
    async send(write): Promise<WriteResult> {
      calls.send += 1;
      if (plan.refuse) {
        const error = plan.refuse;
        delete plan.refuse;
        throw error;
      }
      const slot = `${write.recordKind}:${write.key}`;
      if (rows.has(slot)) {
        throw new ConnectorError({ kind: 'validation', crmCode: 'DUPLICATE_VALUE', status: 400 });
      }
      const id = `rec-${(seq += 1)}`;
      rows.set(slot, id);
      if (plan.loseAnswer) {
        const error = plan.loseAnswer;
        delete plan.loseAnswer;
        throw error;
      }
      return { id, created: true };
    },
  };
  return { adapter, rows, plan, calls };
}

const note = (key: string): NeutralWrite => describeWrite('addNote', { idempotencyKey: key, accountId: '001000000000001AAA', title: 'T', body: 'B' });
const memoryStore = (): OutcomeStore & { keys: Set<string> } => {
  const keys = new Set<string>();
  return { keys, has: (k) => keys.has(k), add: (k) => void keys.add(k), delete: (k) => void keys.delete(k) };
};

describe('isUnknownOutcome', () => {
  it('network, timeout, 5xx, unreadable answers and foreign errors are unknown; refusals are not', () => {
    expect(isUnknownOutcome(new ConnectorError({ kind: 'network' }))).toBe(true);
    expect(isUnknownOutcome(new ConnectorError({ kind: 'timeout' }))).toBe(true);
    expect(isUnknownOutcome(new ConnectorError({ kind: 'malformed_response' }))).toBe(true);
    expect(isUnknownOutcome(new ConnectorError({ kind: 'unknown', status: 504 }))).toBe(true);
    expect(isUnknownOutcome(new TypeError('fetch failed'))).toBe(true);
    expect(isUnknownOutcome(new ConnectorError({ kind: 'validation', status: 400 }))).toBe(false);
    expect(isUnknownOutcome(new ConnectorError({ kind: 'unknown', status: 418 }))).toBe(false);
  });
});

describe('createWriteOnce', () => {
  it('a 5xx after the commit is resolved by key at once: success, one record', async () => {
    const crm = fakeCrm();
    const writeOnce = createWriteOnce(crm.adapter);
    crm.plan.loseAnswer = new ConnectorError({ kind: 'unknown', status: 504 });
    expect(await writeOnce(note('k-00000001'))).toEqual({ id: 'rec-1', created: false });
    expect(crm.rows.size).toBe(1);
  });

  it('an unknown outcome that cannot be resolved yet is thrown and the key stays attempted; a new instance with the store checks first', async () => {
    const crm = fakeCrm();
    const store = memoryStore();
    crm.plan.loseAnswer = new ConnectorError({ kind: 'timeout' });
    crm.plan.findFails = new ConnectorError({ kind: 'network' });
    await expect(createWriteOnce(crm.adapter, { outcomeStore: store })(note('k-00000002'))).rejects.toMatchObject({ kind: 'timeout' });
    expect(store.keys.has('k-00000002')).toBe(true);
    const restarted = createWriteOnce(crm.adapter, { outcomeStore: store });
    expect(await restarted(note('k-00000002'))).toEqual({ id: 'rec-1', created: false });
    expect(crm.calls.send).toBe(1);
  });

  it('a key taken by another writer (no store, other instance) is answered with its record', async () => {
    const crm = fakeCrm();
    const first = await createWriteOnce(crm.adapter)(note('k-00000003'));
    expect(await createWriteOnce(crm.adapter)(note('k-00000003'))).toEqual({ id: first.id, created: false });
    expect(crm.rows.size).toBe(1);
  });

  it('50 concurrent callers on one instance: one send', async () => {
    const crm = fakeCrm();
    const writeOnce = createWriteOnce(crm.adapter);
    const results = await Promise.all(Array.from({ length: 50 }, () => writeOnce(note('k-00000004'))));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(crm.calls.send).toBe(1);
  });

  it('a definite refusal forgets the key: the repeat is sent again without a check', async () => {
    const crm = fakeCrm();
    const store = memoryStore();
    const writeOnce = createWriteOnce(crm.adapter, { outcomeStore: store });
    crm.plan.refuse = new ConnectorError({ kind: 'validation', status: 400 });
    await expect(writeOnce(note('k-00000005'))).rejects.toMatchObject({ kind: 'validation' });
    expect(store.keys.has('k-00000005')).toBe(false);
    expect((await writeOnce(note('k-00000005'))).created).toBe(true);
    expect(crm.calls.find).toBe(0);
  });

  it('keys are per record kind, and updates pass straight through', async () => {
    const crm = fakeCrm();
    const writeOnce = createWriteOnce(crm.adapter);
    await writeOnce(note('k-00000006'));
    const promise = describeWrite('recordPromise', { idempotencyKey: 'k-00000006', accountId: 'a', contactId: null, amount: { amountMinor: 1, currency: 'EUR' }, dueDate: '2026-12-01', invoiceIds: [], note: null });
    expect((await writeOnce(promise)).created).toBe(true);
    const update = describeWrite('updateDispute', { idempotencyKey: 'k-00000007', accountId: 'a', disputeId: 'd', status: 'closed', resolution: null });
    expect(update.operation).toBe('update');
  });
});
