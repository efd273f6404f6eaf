/** Helpers for the sandbox's own tests: an in-memory sandbox and a tiny JSON HTTP client. */
import { createSandbox } from './server';
import type { Sandbox, SandboxOptions } from './server';

export const TEST_DATE = '2026-11-20';

export interface TestResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestSandbox {
  sb: Sandbox;
  /** Calls the sandbox with the dev token; `path` is relative to the origin. */
  call<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse<T>>;
  /** `GET /services/data/v66.0/query?q=` */
  query<T = Record<string, unknown>>(soql: string): Promise<TestResponse<{ totalSize: number; done: boolean; records: T[]; nextRecordsUrl?: string }>>;
}

/** An in-memory sandbox seeded with `accounts` accounts as of TEST_DATE. */
export async function startTestSandbox(options: Partial<SandboxOptions> & { accounts?: number } = {}): Promise<TestSandbox> {
  const sb = await createSandbox({
    port: 0,
    dataFile: null,
    seed: { seed: 11, accounts: options.accounts ?? 12, referenceDate: TEST_DATE },
    today: TEST_DATE,
    ...options,
  });
  const call = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestResponse<T>> => {
    const response = await fetch(`${sb.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${sb.token}`,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      // Non-JSON bodies (XML, blobs) stay text.
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  };
  return {
    sb,
    call,
    query: (soql) => call('GET', `/services/data/v66.0/query?q=${encodeURIComponent(soql)}`),
  };
}

/** The seeded demo account's id and its first contact's id, as a test reads them over REST. */
export async function demoAccountAndContact(t: TestSandbox): Promise<{ accountId: string; contactId: string }> {
  const account = (await t.query<{ Id: string; Contacts: { records: Array<{ Id: string }> } }>(
    "SELECT Id, (SELECT Id FROM Contacts) FROM Account WHERE Name = 'Jaipur Textiles Pvt Ltd'",
  )).body.records[0];
  return { accountId: account?.Id ?? '', contactId: account?.Contacts.records[0]?.Id ?? '' };
}
