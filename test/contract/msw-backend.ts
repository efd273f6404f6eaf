/**
 * Contract backend #1: msw `setupServer` (onUnhandledRequest: 'error') in front of the sandbox's
 * own in-process org (sandbox/in-process.ts: its store, REST handler, composite and SOQL
 * evaluator, in memory: no socket, no file). Handlers exist for exactly the REST shapes the
 * connector sends; anything else fails the test. Intercepts both global fetch (fetch client) and
 * node-fetch/http (jsforce client).
 *
 * The org is a single-currency org (no `CurrencyIsoCode`) unless `multiCurrency` is set, and may
 * carry extra objects (managed packages such as Salesforce Billing `blng__`).
 */
import { http, HttpResponse } from 'msw';
import type { HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import { importRecords } from '../../sandbox/import';
import { createInProcessOrg } from '../../sandbox/in-process';
import type { InProcessOrg } from '../../sandbox/in-process';
import type { FieldDef, ObjectDef, OrgSchema, OrgSchemaOptions } from '../../sandbox/schema';
import type { ContractBackend } from './connector-contract';

/** An object's fields by API name, editable (an admin changing the org between tests). */
export interface EditableFields {
  get(name: string): FieldDef | undefined;
  set(name: string, field: FieldDef): void;
  delete(name: string): boolean;
}

/** One object of the org's schema as a test edits it. */
export interface EditableObject {
  readonly name: string;
  readonly fields: EditableFields;
  /** Whether the API user may create records (a permission an admin can take away). */
  createable: boolean;
}

/** The org's schema, editable per object; changes take effect on the next request (describe, SOQL, writes). */
export class SchemaEditor {
  constructor(private readonly schema: OrgSchema) {}

  get(objectName: string): EditableObject | undefined {
    const def: ObjectDef | undefined = this.schema.objectDef(objectName);
    if (!def) {
      return undefined;
    }
    const schema = this.schema;
    return {
      name: def.name,
      fields: {
        get: (name) => def.fieldIndex.get(name.toLowerCase()),
        set: (name, field) => {
          schema.setField(def.name, name, { ...field, name });
        },
        delete: (name) => schema.setField(def.name, name, null) !== undefined,
      },
      get createable() {
        return def.createable;
      },
      set createable(value: boolean) {
        def.createable = value;
      },
    };
  }
}

/** The in-process org behind the msw handlers. */
export interface MswOrg {
  readonly inProcess: InProcessOrg;
  readonly schema: SchemaEditor;
}

export interface MswBackend extends ContractBackend {
  readonly org: MswOrg;
  /** Every request seen: method, path, and the headers the connector sent. */
  readonly seen: { method: string; path: string; headers: Record<string, string> }[];
  /** Add per-test handlers in front of the org (e.g. to answer UNABLE_TO_LOCK_ROW). */
  use(...handlers: HttpHandler[]): void;
  resetHandlers(): void;
}

export interface MswBackendOptions {
  instanceUrl?: string;
  accessToken?: string;
  /** Objects/fields beyond the standard + product ones (e.g. Salesforce Billing `blng__` objects), merged in. */
  extraObjects?: OrgSchemaOptions['extraObjects'];
  /** Multi-currency org (`CurrencyIsoCode` on every object); default false, a single-currency org. */
  multiCurrency?: boolean;
  /** The org's "today" for SOQL date literals; default the contract dataset's (2026-11-20). */
  today?: string;
}

/** Start an msw server serving a fresh, empty in-process sandbox org. */
export function createMswBackend(options: MswBackendOptions = {}): MswBackend {
  const instanceUrl = options.instanceUrl ?? 'https://contract-test.my.salesforce.com';
  const accessToken = options.accessToken ?? '00DCONTRACT!AQ.contract-session-token';
  const inProcess = createInProcessOrg({
    accessToken,
    today: options.today ?? '2026-11-20',
    schema: { multiCurrency: options.multiCurrency ?? false, ...(options.extraObjects ? { extraObjects: options.extraObjects } : {}) },
  });
  const seen: MswBackend['seen'] = [];
  let count = 0;
  const failures: { method?: string; pathIncludes?: string }[] = [];

  const handle = async ({ request }: { request: Request }): Promise<Response> => {
    count += 1;
    const url = new URL(request.url);
    const path = `${url.pathname}${url.search}`;
    seen.push({ method: request.method, path, headers: Object.fromEntries(request.headers.entries()) });
    const response = await inProcess.handle(request);
    const failIndex = failures.findIndex((f) => (!f.method || f.method === request.method) && (!f.pathIncludes || decodeURIComponent(path).includes(f.pathIncludes)));
    if (failIndex >= 0) {
      failures.splice(failIndex, 1);
      // Committed on the server; the client sees a dropped connection.
      return HttpResponse.error();
    }
    return response;
  };

  const base = `${instanceUrl}/services/data/:version`;
  const server = setupServer(
    http.get(`${base}/query`, handle),
    http.post(`${base}/composite`, handle),
    http.get(`${base}/limits`, handle),
    http.get(`${base}/sobjects`, handle),
    http.get(`${base}/sobjects/:sobject/describe`, handle),
    http.post(`${base}/sobjects/:sobject`, handle),
    http.patch(`${base}/sobjects/:sobject/:id`, handle),
    http.patch(`${base}/sobjects/:sobject/:field/:key`, handle),
  );
  server.listen({ onUnhandledRequest: 'error' });

  return {
    instanceUrl,
    accessToken,
    org: { inProcess, schema: new SchemaEditor(inProcess.schema) },
    seen,
    async seed(dataset) {
      importRecords(inProcess.store, dataset);
    },
    async records(sobject) {
      const def = inProcess.schema.objectDef(sobject);
      if (!def) {
        throw new Error(`unknown sObject ${sobject}`);
      }
      return [...inProcess.store.all(def.name)].map((record) => ({ ...record }));
    },
    requestCount: () => count,
    resetRequestCount: () => {
      count = 0;
      seen.length = 0;
    },
    failNextResponseAfterProcessing(match) {
      failures.push(match);
    },
    use: (...handlers) => server.use(...handlers),
    resetHandlers: () => server.resetHandlers(),
    async close() {
      server.close();
    },
  };
}
