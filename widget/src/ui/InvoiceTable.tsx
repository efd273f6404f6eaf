/**
 * Invoices: sortable, filterable, multi-select (forms act on the selection). Past
 * VIRTUALISE_AFTER rows only the visible window is rendered (fixed row height + spacers).
 */
import { useMemo, useState } from 'preact/hooks';
import type { Invoice } from '../../../connector/domain/model';
import { daysBetween, disputedAmountByInvoice, isDisputeActive } from '../domain';
import { date, money } from '../format';
import { useData, useEnv } from '../state/context';

export const VIRTUALISE_AFTER = 200;
const ROW_HEIGHT = 30;
const WINDOW_ROWS = 40;

type SortKey = 'number' | 'dueDate' | 'dpd' | 'total' | 'balance';
type Filter = 'open' | 'overdue' | 'disputed' | 'promised' | 'plan' | 'all';

interface Row {
  invoice: Invoice;
  dpd: number;
  disputed: boolean;
  promised: boolean;
  inPlan: boolean;
}

function compareRows(a: Row, b: Row, key: SortKey): number {
  switch (key) {
    case 'number':
      return a.invoice.number.localeCompare(b.invoice.number, undefined, { numeric: true });
    case 'dueDate':
      return a.invoice.dueDate < b.invoice.dueDate ? -1 : a.invoice.dueDate > b.invoice.dueDate ? 1 : 0;
    case 'dpd':
      return a.dpd - b.dpd;
    case 'total':
    case 'balance': {
      // Different currencies are not comparable: group by currency, then by amount.
      const byCurrency = a.invoice[key].currency.localeCompare(b.invoice[key].currency);
      return byCurrency !== 0 ? byCurrency : a.invoice[key].amountMinor - b.invoice[key].amountMinor;
    }
  }
}

/**
 * Four data columns fit a 420-px column (issue 17: markers were clipped, amounts wrapped to three
 * lines under seven columns): the markers sit under the due date and the invoice amount under the
 * balance, when it differs.
 */
const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'number', label: 'Invoice' },
  { key: 'dueDate', label: 'Due' },
  { key: 'dpd', label: 'Days late', numeric: true },
  { key: 'balance', label: 'Balance', numeric: true },
];

export function InvoiceTable() {
  const { locale } = useEnv();
  const { snapshot, asOf, selectedInvoiceIds, setSelectedInvoiceIds } = useData();
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'dpd', dir: -1 });
  const [filter, setFilter] = useState<Filter>('open');
  const [query, setQuery] = useState('');
  const [scrollTop, setScrollTop] = useState(0);

  const rows = useMemo<Row[]>(() => {
    const disputed = disputedAmountByInvoice(snapshot.disputes.filter(isDisputeActive));
    const promised = new Set(snapshot.promises.filter((p) => p.status === 'pending').flatMap((p) => p.invoiceIds));
    const planned = new Set(snapshot.plans.filter((p) => p.status === 'active' || p.status === 'proposed').flatMap((p) => p.invoiceIds));
    return snapshot.invoices.map((invoice) => ({
      invoice,
      dpd: Math.max(0, daysBetween(invoice.dueDate, asOf)),
      disputed: (disputed.get(invoice.id)?.amountMinor ?? 0) > 0,
      promised: promised.has(invoice.id),
      inPlan: planned.has(invoice.id),
    }));
  }, [snapshot, asOf]);

  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    const open = (r: Row) => r.invoice.balance.amountMinor > 0 && r.invoice.status !== 'cancelled';
    const pass: Record<Filter, (r: Row) => boolean> = {
      all: () => true,
      open,
      overdue: (r) => open(r) && r.dpd > 0,
      disputed: (r) => r.disputed,
      promised: (r) => r.promised,
      plan: (r) => r.inPlan,
    };
    return rows
      .filter((r) => pass[filter](r) && (!q || r.invoice.number.toLowerCase().includes(q) || (r.invoice.poNumber ?? '').toLowerCase().includes(q)))
      .sort((a, b) => compareRows(a, b, sort.key) * sort.dir);
  }, [rows, filter, query, sort]);

  const virtual = visible.length > VIRTUALISE_AFTER;
  const start = virtual ? Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - 5) : 0;
  const end = virtual ? Math.min(visible.length, start + WINDOW_ROWS) : visible.length;
  const selected = new Set(selectedInvoiceIds);
  const allVisibleSelected = visible.length > 0 && visible.every((r) => selected.has(r.invoice.id));

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) {
      next.delete(id);
    } else {
      next.add(id);
    }
    setSelectedInvoiceIds([...next]);
  };

  return (
    <div>
      <div class="row">
        <label>
          Search invoice or PO
          <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
        <label>
          Show
          <select value={filter} onChange={(e) => setFilter(e.currentTarget.value as Filter)}>
            <option value="open">Open</option>
            <option value="overdue">Overdue</option>
            <option value="disputed">Disputed</option>
            <option value="promised">Promised</option>
            <option value="plan">In a plan</option>
            <option value="all">All</option>
          </select>
        </label>
      </div>
      <p class="weak" role="status">
        {visible.length} invoice{visible.length === 1 ? '' : 's'}
        {selected.size > 0 ? `, ${selected.size} selected` : ''}
      </p>
      <div class="scroll" onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <table>
          <caption class="visually-hidden">Invoices</caption>
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="Select all shown invoices"
                  checked={allVisibleSelected}
                  onChange={() => setSelectedInvoiceIds(allVisibleSelected ? [] : visible.map((r) => r.invoice.id))}
                />
              </th>
              {COLUMNS.map((col) => (
                <th
                  key={col.key}
                  scope="col"
                  class={col.numeric ? 'num' : undefined}
                  aria-sort={sort.key === col.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
                >
                  <button type="button" onClick={() => setSort((s) => ({ key: col.key, dir: s.key === col.key ? (s.dir === 1 ? -1 : 1) : 1 }))}>
                    {col.label}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {virtual && start > 0 && (
              <tr aria-hidden="true" style={{ height: `${start * ROW_HEIGHT}px` }}>
                <td colSpan={5} />
              </tr>
            )}
            {visible.slice(start, end).map((r) => (
              <tr key={r.invoice.id} style={virtual ? { height: `${ROW_HEIGHT}px` } : undefined}>
                <td>
                  <input type="checkbox" aria-label={`Select invoice ${r.invoice.number}`} checked={selected.has(r.invoice.id)} onChange={() => toggle(r.invoice.id)} />
                </td>
                <th scope="row">{r.invoice.number}</th>
                <td>
                  <span class="nowrap">{date(r.invoice.dueDate, locale)}</span>
                  <span class="visually-hidden">, issued {date(r.invoice.issueDate, locale)}</span>
                  {(r.disputed || r.promised || r.inPlan) && (
                    <div class="markers">
                      {r.disputed && <span class="marker disputed">Disputed</span>}
                      {r.promised && <span class="marker promised">Promised</span>}
                      {r.inPlan && <span class="marker plan">In plan</span>}
                    </div>
                  )}
                </td>
                <td class="num">{r.dpd}</td>
                <td class="num">
                  {money(r.invoice.balance, locale)}
                  {r.invoice.total.amountMinor !== r.invoice.balance.amountMinor && <div class="weak">of {money(r.invoice.total, locale)}</div>}
                </td>
              </tr>
            ))}
            {virtual && end < visible.length && (
              <tr aria-hidden="true" style={{ height: `${(visible.length - end) * ROW_HEIGHT}px` }}>
                <td colSpan={5} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
