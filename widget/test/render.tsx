/** Test helper: render the Panel with a fake port, fixed clock, memory storage, and wait for data. */
import { render, screen, waitFor } from '@testing-library/preact';
import { expect } from 'vitest';
import type { AccountSnapshot } from '../../connector/port';
import type { PanelEnv } from '../src/state/context';
import { memoryStorage, type StorageAdapter } from '../src/storage';
import { Panel } from '../src/ui/Panel';
import type { PanelPolicy } from '../src/types';
import { FakePort } from './fakePort';
import { NOW } from './fixtures';

export interface RenderOptions {
  port?: FakePort;
  storage?: StorageAdapter;
  locale?: string;
  policy?: PanelPolicy;
  now?: number;
  reportingCurrency?: string | null;
  fxRates?: PanelEnv['fxRates'];
  senderName?: string;
  salesView?: boolean;
  /** The signed-in user's CRM id (issue 19: the owner answers their disputes in the panel). */
  userId?: string;
  wait?: boolean;
}

export async function renderPanel(snapshot: AccountSnapshot, options: RenderOptions = {}) {
  const port = options.port ?? new FakePort([snapshot]);
  const storage = options.storage ?? memoryStorage();
  const env: PanelEnv = {
    port,
    storage,
    locale: options.locale ?? 'en-IN',
    policy: options.policy ?? {},
    now: () => options.now ?? NOW,
    userTimeZone: 'Asia/Kolkata',
    senderName: options.senderName ?? 'Priya Nair',
    reportingCurrency: options.reportingCurrency ?? null,
    fxRates: options.fxRates ?? [],
    ...(options.salesView ? { salesView: true } : {}),
    ...(options.userId ? { userId: options.userId } : {}),
  };
  const controller = new AbortController();
  const result = render(<Panel env={env} recordId={snapshot.account.id} signal={controller.signal} />);
  if (options.wait !== false) {
    await waitFor(() => expect(screen.queryByText(snapshot.account.name)).not.toBeNull());
  }
  return { ...result, port, storage, env, controller };
}
