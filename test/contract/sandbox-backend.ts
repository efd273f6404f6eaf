/**
 * Contract backend #2: the sandbox CRM over real HTTP on 127.0.0.1 (started in-process, in memory).
 * The same connector contract as the msw backend, but through a real socket, real JSON and the
 * sandbox's own SOQL evaluator, composite and validation.
 */
import { createSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { importRecords } from '../../sandbox/import';
import { Store } from '../../sandbox/store';
import type { ContractBackend } from './connector-contract';

export interface SandboxContractBackend extends ContractBackend {
  readonly sandbox: Sandbox;
}

/** Starts an empty sandbox (no seed: the contract seeds its own dataset). */
export async function createSandboxBackend(): Promise<SandboxContractBackend> {
  const sandbox = await createSandbox({ port: 0, dataFile: null, store: new Store(), enableFaults: true, today: '2026-11-20' });
  return {
    sandbox,
    instanceUrl: sandbox.url,
    accessToken: sandbox.token,
    async seed(dataset) {
      importRecords(sandbox.store, dataset);
    },
    async records(sobject) {
      const def = sandbox.store.schema.objectDef(sobject);
      if (!def) {
        throw new Error(`unknown sObject ${sobject}`);
      }
      return [...sandbox.store.all(def.name)].map((record) => ({ ...record }));
    },
    requestCount: () => sandbox.requestLog.filter((entry) => entry.api).length,
    resetRequestCount: () => sandbox.resetRequestLog(),
    failNextResponseAfterProcessing(match) {
      sandbox.addFault({ action: 'drop-after-processing', method: match.method, includes: match.pathIncludes });
    },
    close: () => sandbox.close(),
  };
}
