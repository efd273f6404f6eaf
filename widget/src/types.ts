/**
 * Public option types of the collections panel. The panel talks to the CRM ONLY through the
 * CRM-neutral {@link CollectionsPort} (connector/port.ts).
 */
import type { CollectionsPort } from '../../connector/port';
import type { FxRate } from '../../connector/domain/money';
import type { StorageAdapter } from './storage';

/** Negotiation limits for plans and settlements, and whether compliance overrides are offered. */
export interface PanelPolicy {
  /**
   * Compliance profile id overriding the account's (e.g. 'in-rbi', 'us-fdcpa', 'b2b-default'). Sent
   * with `port.loadSnapshot`; the port answers with that profile's rules (decision 0009).
   */
  complianceProfile?: string;
  /**
   * Opt-in (default false): the collector may override a compliance block with a typed reason, and
   * only where the profile marks that block `overridable`; hard blocks (cease communication,
   * bankruptcy stay, breathing space) never are.
   */
  allowOverrides?: boolean;
  /** Longest plan, in months from the first instalment. */
  maxPlanTermMonths?: number;
  /** Smallest down payment as a percentage of the plan total (0-100). */
  minDownPaymentPercent?: number;
  /** A promise to pay falls due within this many days (default 90, at most 90). */
  maxPromiseDays?: number;
  /** A settlement offer stays valid at most this many days (default 30, at most 90). */
  maxSettlementValidityDays?: number;
  /** Largest instalment count. */
  maxInstalments?: number;
  /** Deepest settlement discount a collector may offer, percent of the balance (0-100). */
  settlementCeilingPercent?: number;
  /** Discounts above this percentage are routed for approval (0-100). */
  settlementApprovalPercent?: number;
  /**
   * The signed-in user may approve or reject settlements awaiting approval. The host sets it from the
   * CRM's permission (Salesforce: a custom permission such as `Collections_Approve_Settlements`); the
   * org's own rules still guard the write.
   */
  settlementApprover?: boolean;
}

/** Options for {@link CollectionsPanel.mount}. */
export interface MountOptions {
  /** CRM record id (Account, Contact, Opportunity or Case); the port resolves the account. */
  recordId: string;
  port: CollectionsPort;
  /** BCP 47 locale for all Intl formatting (default: the browser's). 'en-IN' groups lakhs. */
  locale?: string;
  policy?: PanelPolicy;
  /** Clock override (tests, demos): epoch milliseconds. */
  now?: () => number;
  /** Drafts and the last snapshot (stale-while-revalidate). Default: localStorage-backed. */
  storage?: StorageAdapter;
  /** Currency for the cross-currency total and credit-limit use of multi-currency accounts (needs `fxRates`). */
  reportingCurrency?: string;
  /** Dated FX rates (no inverse or cross rates derived), used only for the reporting-currency figures. */
  fxRates?: FxRate[];
  /** The collector's own IANA zone for timestamps (default: the browser's). */
  userTimeZone?: string;
  /** The signed-in user's name: signs customer e-mails and letters (default "Accounts receivable"). */
  senderName?: string;
  /**
   * The signed-in user's CRM id (issue 19): on an open dispute they own, the dispute list offers the
   * owner's answer, when the port also has `answerDispute` (DisputeOwnerPort).
   */
  userId?: string;
  /**
   * The rep's view on an opportunity or quote (issue 19, decision 0025): the panel opens with
   * "Before you sell" (overdue, disputes, broken promises, credit use, the credit-hold suggestion).
   */
  salesView?: boolean;
  /** 'closed' hides the panel's DOM from the host page's scripts (the extension); default 'open'. */
  shadowMode?: 'open' | 'closed';
  /** Act only on real user input: synthetic clicks, keys and submits from page scripts are dropped (the extension). */
  trustedEventsOnly?: boolean;
}

/** Handle returned by mount. */
export interface PanelHandle {
  /** Show another record (aborts the in-flight load for the previous one). */
  update(next: { recordId: string }): void;
  /** Remove the panel, abort in-flight loads. */
  unmount(): void;
  /** Move keyboard focus to the panel (now, or as soon as it has loaded); what Alt+Shift+C does. */
  focus(): void;
}
