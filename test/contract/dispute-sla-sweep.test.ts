/**
 * The dispute SLA sweep against the sandbox over real HTTP (issue 19, decision 0022): a dispute past
 * its SLA gets a Task for the owner's manager and shows escalated; a second sweep writes nothing;
 * the CLI runs the same sweep.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DISPUTE_SLA_POLICY } from '../../connector/domain/strategy/dispute-sla';
import { createFetchClient, createSalesforcePort } from '../../connector/salesforce';
import { presetMapping } from '../../connector/salesforce/mapping/presets';
import { sweepDisputeSla } from '../../connector/salesforce/disputes/sweep';
import { createSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { DEMO_ACCOUNT_ID, seedOptions } from '../../sandbox/seed';

const TODAY = '2026-11-20'; // a Friday
const NOW = new Date(`${TODAY}T09:00:00Z`);

describe('dispute SLA sweep (sandbox)', () => {
  let sandbox: Sandbox;
  let client: ReturnType<typeof createFetchClient>;
  let ownerId: string;
  let managerId: string;
  const mapping = presetMapping('product');
  const makeCase = async (sla: string, extra: Record<string, unknown> = {}): Promise<string> =>
    (await client.create('Case', { AccountId: DEMO_ACCOUNT_ID, OwnerId: ownerId, Type: 'Dispute', Status: 'New', Subject: 'Dispute', Dispute_Reason__c: 'Pricing', Dispute_Status__c: 'New', SLA_Due_Date__c: sla, ...extra })).id;

  beforeAll(async () => {
    sandbox = await createSandbox({ port: 0, dataFile: null, seed: seedOptions({ referenceDate: TODAY, accounts: 1 }), today: TODAY });
    client = createFetchClient({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token });
    const users = (await client.query<{ Id: string; Username: string; ManagerId: string | null }>("SELECT Id, Username, ManagerId FROM User WHERE Username IN ('sales.in@sandbox.example', 'sales.manager@sandbox.example')")).records;
    ownerId = users.find((u) => u.Username === 'sales.in@sandbox.example')!.Id;
    managerId = users.find((u) => u.Username === 'sales.manager@sandbox.example')!.Id;
    expect(users.find((u) => u.Id === ownerId)?.ManagerId).toBe(managerId);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('reminds before the SLA, escalates to the manager after it, once, and never an answered dispute', async () => {
    const late = await makeCase('2026-11-18'); // Wed: first business day after (Thu 19) has come → escalate
    const soon = await makeCase('2026-11-24'); // Tue: 2 business days before = Fri 20 → remind
    const answered = await makeCase('2026-11-10', { Owner_Answer__c: 'Rejected', Owner_Answer_Note__c: 'Price is per contract' });
    const run = () => sweepDisputeSla({ client, mapping, policy: DEFAULT_DISPUTE_SLA_POLICY, now: NOW, timeZone: 'Asia/Kolkata' });
    const first = await run();
    const mine = first.steps.filter((s) => [late, soon, answered].includes(s.caseId)).map((s) => [s.caseId, s.stepId, s.assigneeId, s.outcome]);
    expect(mine).toEqual([[late, 'owner-reminder', ownerId, 'written'], [late, 'manager-escalation', managerId, 'written'], [soon, 'owner-reminder', ownerId, 'written']]);
    const tasks = (await client.query<{ WhatId: string; OwnerId: string }>(`SELECT WhatId, OwnerId FROM Task WHERE WhatId IN ('${late}', '${soon}', '${answered}')`)).records;
    expect(tasks.filter((t) => t.OwnerId === managerId).map((t) => t.WhatId)).toEqual([late]);
    expect(tasks).toHaveLength(3);

    const port = createSalesforcePort({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token, now: () => NOW });
    const disputes = (await port.loadSnapshot({ id: DEMO_ACCOUNT_ID })).disputes;
    expect(disputes.find((d) => d.id === late)?.escalatedAt).toBe(NOW.toISOString());
    expect(disputes.find((d) => d.id === soon)?.escalatedAt).toBeNull();
    expect((await port.listDisputesForOwner(managerId)).items.filter((i) => i.escalatedToMe).map((i) => i.dispute.id)).toEqual([late]);

    const second = await run();
    expect(second.steps.filter((s) => [late, soon].includes(s.caseId))).toEqual([]);
    expect((await client.query(`SELECT Id FROM Task WHERE WhatId IN ('${late}', '${soon}')`)).records).toHaveLength(3);
  });

  it('runs as `collections escalate` (dry run writes nothing)', async () => {
    await makeCase('2026-11-02');
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['bin/collections.mjs', 'escalate', '--instance-url', sandbox.url, '--token', sandbox.token, '--dry-run', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const result = JSON.parse(out.stdout) as { steps: { outcome: string; action: string }[] };
    expect(result.steps.some((s) => s.action === 'escalate_owner_manager' && s.outcome === 'dry_run')).toBe(true);
  }, 60_000);
});
