/**
 * Options page: settings form (validated, saved to storage.sync), "Check my org" (runs the connector's setup check
 * in the worker), the OAuth sign-in step, and the Firefox host-permission grant. Renders only via textContent.
 */
import { PROFILE_IDS } from '../../connector/domain/compliance/profiles';
import { extensionApi } from './ext-api';
import { HOST_PERMISSIONS } from './manifest';
import { askWorker } from './page-ask';
import type { Settings } from './settings';
import { DEFAULT_SETTINGS, normaliseSettings, SETTINGS_KEY, validateSettings } from './settings';
import type { KnownOrg } from './worker-router';

const api = extensionApi();
const byId = <T extends HTMLElement>(id: string): T => {
  const node = document.getElementById(id);
  if (!node) {
    throw new Error(`options.html is missing #${id}`);
  }
  return node as T;
};

const FIELDS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

function setStatus(id: string, text: string, kind: 'ok' | 'error' | '' = ''): void {
  const node = byId(id);
  node.textContent = text;
  node.className = `status ${kind}`;
}

async function loadForm(): Promise<void> {
  const select = byId<HTMLSelectElement>('complianceProfile');
  for (const id of PROFILE_IDS) {
    select.append(new Option(id, id));
  }
  const settings = normaliseSettings((await api.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY]);
  for (const field of FIELDS) {
    byId<HTMLInputElement>(field).value = settings[field];
  }
}

async function saveForm(event: Event): Promise<void> {
  event.preventDefault();
  const input = Object.fromEntries(FIELDS.map((field) => [field, byId<HTMLInputElement>(field).value.trim()]));
  const result = validateSettings(input);
  if (!result.ok) {
    setStatus('save-status', `${result.field}: ${result.message}`, 'error');
    byId(result.field).focus();
    return;
  }
  await api.storage.sync.set({ [SETTINGS_KEY]: result.settings });
  setStatus('save-status', 'Saved.', 'ok');
}

async function loadOrgs(): Promise<KnownOrg[]> {
  const orgs = (await askWorker({ kind: 'list-orgs' }).catch(() => [])) as KnownOrg[];
  const select = byId<HTMLSelectElement>('org');
  if (orgs.length > 0) {
    select.replaceChildren(...orgs.map((org) => new Option(`${new URL(org.apiOrigin).hostname}${org.orgId ? ` (${org.orgId})` : ''}`, org.orgKey)));
  }
  return orgs;
}

async function checkOrg(): Promise<void> {
  const orgKey = byId<HTMLSelectElement>('org').value;
  const list = byId('check-problems');
  list.replaceChildren();
  if (!orgKey) {
    setStatus('check-status', 'Open a Salesforce record page in this browser first, then reload this page.', 'error');
    return;
  }
  setStatus('check-status', 'Checking…');
  try {
    const report = (await askWorker({ kind: 'setup-check', orgKey })) as { ok: boolean; problems?: { object: string; field: string | null; message: string }[] };
    const problems = report.problems ?? [];
    setStatus('check-status', report.ok ? 'Everything the mapping needs is in place.' : `${problems.length} problem(s) found:`, report.ok ? 'ok' : 'error');
    for (const problem of problems) {
      const item = document.createElement('li');
      item.textContent = `${problem.object}${problem.field ? `.${problem.field}` : ''}: ${problem.message}`;
      list.append(item);
    }
  } catch (error) {
    setStatus('check-status', error instanceof Error ? error.message : String(error), 'error');
  }
}

async function setUpSignIn(orgs: KnownOrg[]): Promise<void> {
  const match = /^#sign-in=(.+)$/.exec(location.hash);
  if (!match?.[1]) {
    return;
  }
  const orgKey = decodeURIComponent(match[1]);
  const org = orgs.find((o) => o.orgKey === orgKey);
  byId('sign-in').hidden = false;
  byId('sign-in-org').textContent = org ? new URL(org.apiOrigin).hostname : orgKey;
  // identity is optional: before it is granted, show Chrome's fixed form (Firefox shows its own after the grant).
  const redirectUri = (): string => api.identity?.getRedirectURL('oauth') ?? `https://${api.runtime.id}.chromiumapp.org/oauth`;
  byId('redirect-uri').textContent = redirectUri();
  byId('sign-in-button').addEventListener('click', () => {
    // permissions.request must run inside the click (a user gesture).
    api.permissions
      .request({ permissions: ['identity'] })
      .then(async (granted) => {
        if (!granted) {
          setStatus('sign-in-status', 'The browser did not grant the sign-in permission.', 'error');
          return;
        }
        byId('redirect-uri').textContent = redirectUri();
        setStatus('sign-in-status', 'Signing in…');
        await askWorker({ kind: 'oauth-sign-in', orgKey });
        setStatus('sign-in-status', 'Signed in. Reopen the panel on your Salesforce tab.', 'ok');
      })
      .catch((error: unknown) => setStatus('sign-in-status', error instanceof Error ? error.message : String(error), 'error'));
  });
}

/** Firefox grants MV3 host permissions at runtime (not all at install, never those added by updates; §6). */
async function checkHostAccess(): Promise<void> {
  const origins = [...HOST_PERMISSIONS];
  if (await api.permissions.contains({ origins }).catch(() => true)) {
    return;
  }
  byId('host-access').hidden = false;
  byId('grant-hosts').addEventListener('click', () => {
    api.permissions.request({ origins }).then((granted) => {
      byId('host-access').hidden = granted;
    }).catch(() => undefined);
  });
}

async function main(): Promise<void> {
  byId('settings-form').addEventListener('submit', (event) => void saveForm(event));
  byId('check-org').addEventListener('click', () => void checkOrg());
  await loadForm();
  const orgs = await loadOrgs();
  await setUpSignIn(orgs);
  await checkHostAccess();
}

main().catch((error: unknown) => console.error('[collections-panel] options', error));
