/**
 * The panel shell: load state (skeleton, stale-while-revalidate, one error view), header, summary,
 * actions with their inline forms, and tabs for invoices, timeline, plans and disputes.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { zonedParts } from '../domain';
import { instant, integer } from '../format';
import { DataContext, EnvContext, useEnv, type PanelData, type PanelEnv } from '../state/context';
import { useSnapshot } from '../state/useSnapshot';
import { ErrorView } from './ErrorView';
import { Header } from './Header';
import { hardStops } from '../../../connector/domain/compliance/hard-stops';
import { CONTACTING_ACTIONS, HARD_STOP_NOTE_ID, HardStopNote } from './HardStop';
import * as views from './views';
import { useForms } from '../forms/lazy';
import { Skeleton } from './Skeleton';
import { Section } from './Section';
import { Summary } from './Summary';
import { NextTask } from './NextTask';
import { FOCUS_SHORTCUT_LABEL, handlePanelKey, READY_ATTRIBUTE } from './keys';
import type { AccountSnapshot } from '../../../connector/port';

export interface PanelProps {
  env: PanelEnv;
  recordId: string;
  /** Aborted on unmount: cancels in-flight loads. */
  signal: AbortSignal;
}

type TabId = 'invoices' | 'timeline' | 'plans';
type FormName = 'LogCallForm' | 'PromiseForm' | 'PlanForm' | 'SettlementForm' | 'DisputeForm' | 'ReminderForm' | 'VisitForm';
/** A form opens only where the CRM connection can save what it writes (e.g. no plans on read-only mappings). */
type Capability = keyof AccountSnapshot['capabilities'];

// Reminders go out through the collector's mail client (mailto:) and are logged as an activity, so every CRM can.
// `key`: the letter that opens the action when focus is in the panel but not in a field (ui/keys.ts).
const ACTIONS: { id: string; label: string; key: string; form: FormName; needs?: Capability }[] = [
  { id: 'call', label: 'Log a call', key: 'c', form: 'LogCallForm' },
  { id: 'promise', label: 'Promise to pay', key: 'p', form: 'PromiseForm', needs: 'promises' },
  { id: 'plan', label: 'Payment plan', key: 'l', form: 'PlanForm', needs: 'plans' },
  { id: 'settlement', label: 'Settlement', key: 's', form: 'SettlementForm', needs: 'settlements' },
  { id: 'dispute', label: 'Dispute', key: 'd', form: 'DisputeForm', needs: 'disputes' },
  { id: 'reminder', label: 'Reminder e-mail', key: 'r', form: 'ReminderForm' },
  { id: 'visit', label: 'Log a visit', key: 'v', form: 'VisitForm' },
];
type Action = (typeof ACTIONS)[number];

const TABS: { id: TabId; label: string }[] = [
  { id: 'invoices', label: 'Invoices' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'plans', label: 'Plans & disputes' },
];

function Tabs({ tab, setTab }: { tab: TabId; setTab: (t: TabId) => void }) {
  // Arrow keys move between tabs (WAI-ARIA tabs pattern); only the active tab is in the tab order.
  const onKeyDown = (e: KeyboardEvent) => {
    const index = TABS.findIndex((t) => t.id === tab);
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (delta !== 0) {
      e.preventDefault();
      const next = TABS[(index + delta + TABS.length) % TABS.length];
      if (next) {
        setTab(next.id);
        const root = (e.currentTarget as HTMLElement).getRootNode() as ParentNode;
        (root.querySelector(`#cp-tab-${next.id}`) as HTMLElement | null)?.focus();
      }
    }
  };
  return (
    <div class="tabs" role="tablist" aria-label="Details" onKeyDown={onKeyDown}>
      {TABS.map((t) => (
        <button
          key={t.id}
          id={`cp-tab-${t.id}`}
          type="button"
          role="tab"
          aria-selected={tab === t.id}
          aria-controls={`cp-panel-${t.id}`}
          tabIndex={tab === t.id ? 0 : -1}
          onClick={() => setTab(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/** Focus moves into a form when it opens, and back to its button when it closes (keyboard flow). */
function focusFirstField(host: HTMLElement | null): void {
  (host?.querySelector<HTMLElement>('[data-autofocus]') ?? host?.querySelector<HTMLElement>('select, input, textarea, button'))?.focus();
}

/** While the forms chunk is on its way (a click before idle), or when it could not be fetched. */
function FormsPending({ failed, retry }: { failed: boolean; retry(): void }) {
  return failed ? (
    <p class="alert warn" role="alert">
      This part of the panel could not be loaded. Check your connection; if trying again fails, reload the page.{' '}
      <button type="button" onClick={retry}>
        Try again
      </button>
    </p>
  ) : (
    <p class="weak" role="status">
      Loading…
    </p>
  );
}

type KeyHandler = (event: KeyboardEvent) => void;

function Loaded({ data, keys }: { data: PanelData; keys: { current: KeyHandler | null } }) {
  const { snapshot } = data;
  const env = useEnv();
  const formHost = useRef<HTMLDivElement>(null);
  const toolbar = useRef<HTMLDivElement>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [tab, setTab] = useState<TabId>('invoices');
  const [flash, setFlash] = useState<string>('');
  const actions = ACTIONS.filter((a) => !a.needs || snapshot.capabilities[a.needs]);
  // The forms arrive after first paint (forms/lazy.ts); opening one or the plans tab asks for them at once.
  const { forms, failed: formsFailed, retry: retryForms } = useForms(action !== null || tab === 'plans' || tab === 'timeline' || env.salesView === true);
  const Form = action && forms?.[action.form];
  const stops = hardStops(snapshot.account, snapshot.complianceRules, data.asOf);
  const stopped = (id: string) => stops.length > 0 && CONTACTING_ACTIONS.has(id);
  const formReady = !!Form;
  useEffect(() => {
    if (formReady) {
      focusFirstField(formHost.current);
    }
  }, [action, formReady]);
  // The panel's keyboard model (ui/keys.ts); the region's keydown calls this.
  keys.current = (e) =>
    handlePanelKey(e, {
      actions,
      open: action,
      formHost: formHost.current,
      openAction(next) {
        setFlash('');
        if (stopped(next.id)) {
          return;
        }
        if (next === action) {
          focusFirstField(formHost.current);
        } else {
          setAction(next);
        }
      },
      closeForm() {
        // Unmounting the form keeps its draft (saved on every change); only Cancel clears it.
        toolbar.current?.querySelector<HTMLElement>(`[data-action="${action?.id ?? ''}"]`)?.focus();
        setAction(null);
      },
    });

  return (
    <DataContext.Provider value={data}>
      <Section name="Header">
        <Header />
      </Section>
      {/* The sales view's summary comes with the forms chunk (asked for at once in that view, issue 18). */}
      {env.salesView && forms && <Section name="Before you sell"><forms.SalesSummary /></Section>}
      {env.salesView && !forms && <FormsPending failed={formsFailed} retry={retryForms} />}
      {snapshot.dataQuality.length > 0 && (
        <details class="alert warn">
          <summary>
            {snapshot.dataQuality.length} record{snapshot.dataQuality.length === 1 ? '' : 's'} could not be read and {snapshot.dataQuality.length === 1 ? 'is' : 'are'} left out
          </summary>
          <ul>
            {snapshot.dataQuality.map((note, index) => (
              <li key={index}>
                {note.recordKind} {note.recordId ?? ''}
                {note.field ? ` · ${note.field}` : ''}: {note.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div class="actions" role="toolbar" aria-label="Actions" ref={toolbar}>
        {actions.map((a) => (
          <button
            key={a.id}
            type="button"
            data-action={a.id}
            aria-keyshortcuts={a.key.toUpperCase()}
            aria-pressed={action === a}
            // Focusable but off, so a screen reader still hears why (the note below).
            aria-disabled={stopped(a.id) || undefined}
            aria-describedby={stopped(a.id) ? HARD_STOP_NOTE_ID : undefined}
            onClick={() => {
              setFlash('');
              setAction(action === a || stopped(a.id) ? null : a);
            }}
          >
            {a.label}
            <kbd aria-hidden="true">{a.key.toUpperCase()}</kbd>
          </button>
        ))}
      </div>
      <HardStopNote stops={stops} />
      <p role="status" class="status" aria-label="Last action">
        {flash}
      </p>
      {action && !Form && <FormsPending failed={formsFailed} retry={retryForms} />}
      {Form && (
        <div ref={formHost}>
          <Section name="Form">
            <Form
              key={action.id}
              onDone={(message) => {
                toolbar.current?.querySelector<HTMLElement>(`[data-action="${action.id}"]`)?.focus();
                setAction(null);
                setFlash(message ?? '');
              }}
            />
          </Section>
        </div>
      )}
      {/* Figures after the actions: the actions stay above the fold at 1280×720 (issue 17). */}
      <NextTask>
      <Section name="Summary">
        <Summary />
      </Section>
      {/* Open follow-ups arrive with the forms chunk, on idle (not a balance figure; issue 18). */}
      {forms && <forms.FollowUpList />}
      <Tabs tab={tab} setTab={setTab} />
      <div id={`cp-panel-${tab}`} role="tabpanel" aria-labelledby={`cp-tab-${tab}`} tabIndex={0}>
        {tab === 'invoices' && (
          <Section name="Invoices">
            <views.InvoiceTable />
          </Section>
        )}
        {/* The timeline comes with the forms chunk (decision 0018): the panel opens on the invoices tab. */}
        {tab === 'timeline' && forms && (
          <Section name="Timeline">
            <forms.Timeline />
          </Section>
        )}
        {(tab === 'plans' || tab === 'timeline') && !forms && <FormsPending failed={formsFailed} retry={retryForms} />}
        {tab === 'plans' && forms && (
          <>
            <forms.PlanList />
            <forms.DisputeList />
            <forms.SettlementList />
            {snapshot.plans.length === 0 && snapshot.disputes.length === 0 && snapshot.settlements.length === 0 && <p>No payment plans, disputes or settlement offers.</p>}
          </>
        )}
      </div>
      </NextTask>
      <p class="weak">
        Updated {instant(snapshot.fetchedAt, env.locale, env.userTimeZone)}
        {snapshot.apiUsage ? ` · API calls today: ${integer(snapshot.apiUsage.used, env.locale)} of ${integer(snapshot.apiUsage.total, env.locale)}` : ''}
      </p>
      <p class="weak" id="cp-keys-help">
        Keyboard: {FOCUS_SHORTCUT_LABEL} jumps here · a letter opens an action · Esc closes a form (draft kept) · Ctrl+Enter saves
      </p>
    </DataContext.Provider>
  );
}

/** Root component. Render it directly (tests, LWC host) or through CollectionsPanel.mount (shadow root). */
export function Panel({ env, recordId, signal }: PanelProps) {
  const [state, reload] = useSnapshot(env.port, env.storage, recordId, env.policy.complianceProfile, signal);
  const [selectedInvoiceIds, setSelectedInvoiceIds] = useState<string[]>([]);
  const keyRef = useRef<KeyHandler | null>(null);
  const asOf = useMemo(() => {
    try {
      return zonedParts(env.now(), env.userTimeZone).date;
    } catch (_error) {
      return new Date(env.now()).toISOString().slice(0, 10);
    }
    // Recomputed per load: a panel left open over midnight picks up the new day on reload.
  }, [env, state]);

  if (state.phase === 'loading') {
    return <Skeleton />;
  }
  if (state.phase === 'error') {
    return (
      <div class="cp" role="region" aria-label="Collections">
        <ErrorView error={state.error} onRetry={reload} />
      </div>
    );
  }
  const data: PanelData = { snapshot: state.snapshot, asOf, reload, selectedInvoiceIds, setSelectedInvoiceIds };
  return (
    <EnvContext.Provider value={env}>
      <div
        class="cp"
        role="region"
        aria-label="Collections"
        aria-busy={state.stale}
        aria-describedby="cp-keys-help"
        tabIndex={-1}
        {...{ [READY_ATTRIBUTE]: '' }}
        onKeyDown={(e) => keyRef.current?.(e)}
      >
        {state.stale && (
          <p class="alert info" role="status">
            Showing saved data from {instant(state.snapshot.fetchedAt, env.locale, env.userTimeZone)}; refreshing…
          </p>
        )}
        {state.refreshError && <ErrorView error={state.refreshError} onRetry={reload} />}
        <Loaded data={data} keys={keyRef} />
      </div>
    </EnvContext.Provider>
  );
}
