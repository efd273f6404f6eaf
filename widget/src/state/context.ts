/** What every panel component may read: the host's environment and the loaded snapshot. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AccountSnapshot, CollectionsPort } from '../../../connector/port';
import type { FxRate } from '../../../connector/domain/money';
import type { StorageAdapter } from '../storage';
import type { PanelPolicy } from '../types';

export interface PanelEnv {
  port: CollectionsPort;
  locale: string;
  policy: PanelPolicy;
  storage: StorageAdapter;
  now: () => number;
  userTimeZone: string;
  /** Signs what the customer reads: the signed-in user, never the account's collector. */
  senderName: string;
  /** The signed-in user's CRM id, when the host knows it: the owner answers their own disputes here (issue 19). */
  userId?: string;
  /** Opened from an opportunity or quote: "Before you sell" leads (decision 0025). */
  salesView?: boolean;
  reportingCurrency: string | null;
  fxRates: FxRate[];
}

export interface PanelData {
  snapshot: AccountSnapshot;
  /** Today in the collector's zone (aging, days past due, default dates). */
  asOf: string;
  /** Reload after a write (one request). */
  reload(): void;
  /** Invoices ticked in the table; forms preselect them. */
  selectedInvoiceIds: string[];
  setSelectedInvoiceIds(ids: string[]): void;
}

export const EnvContext = createContext<PanelEnv | null>(null);
export const DataContext = createContext<PanelData | null>(null);

export function useEnv(): PanelEnv {
  const env = useContext(EnvContext);
  if (!env) {
    throw new Error('[collections-panel] component rendered outside <Panel>');
  }
  return env;
}

export function useData(): PanelData {
  const data = useContext(DataContext);
  if (!data) {
    throw new Error('[collections-panel] component rendered before the snapshot loaded');
  }
  return data;
}
