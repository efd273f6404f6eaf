import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Invoice } from '../../../connector/domain/model';
import { inrSnapshot } from '../../test/fixtures';
import { renderPanel } from '../../test/render';
import { VIRTUALISE_AFTER } from './InvoiceTable';

afterEach(cleanup);

function invoiceTable(): HTMLElement {
  return screen.getByRole('table', { name: 'Invoices' });
}

/** Invoice numbers of the rendered rows, top to bottom: each row is headed by its invoice number. */
function numbers(): string[] {
  return within(invoiceTable()).getAllByRole('rowheader').map((header) => header.textContent ?? '');
}

/** The table row of one invoice, found through its row header. */
function invoiceRow(number: string): HTMLElement {
  return within(invoiceTable()).getByRole('row', { name: new RegExp(`\\b${number}\\b`) });
}

describe('invoice table', () => {
  it('lists open invoices, most overdue first, with disputed/promised markers', async () => {
    await renderPanel(inrSnapshot());
    expect(numbers()).toEqual(['INV-0850', 'INV-0900', 'INV-0950', 'INV-0990', 'INV-1001']);
    expect(within(invoiceRow('INV-0900')).getByText('Disputed')).toBeTruthy();
    expect(within(invoiceRow('INV-0950')).getByText('Promised')).toBeTruthy();
  });

  it('sorts by a column and toggles direction, announcing aria-sort', async () => {
    await renderPanel(inrSnapshot());
    fireEvent.click(screen.getByRole('button', { name: 'Balance' }));
    expect(numbers()).toEqual(['INV-0850', 'INV-0950', 'INV-0990', 'INV-1001', 'INV-0900']);
    expect(screen.getByRole('columnheader', { name: 'Balance' }).getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(screen.getByRole('button', { name: 'Balance' }));
    expect(numbers()[0]).toBe('INV-0900');
    expect(screen.getByRole('columnheader', { name: 'Balance' }).getAttribute('aria-sort')).toBe('descending');
  });

  it('filters by state and by text', async () => {
    await renderPanel(inrSnapshot());
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'disputed' } });
    expect(numbers()).toEqual(['INV-0900']);
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'all' } });
    expect(numbers()).toContain('INV-0800');
    fireEvent.input(screen.getByLabelText('Search invoice or PO'), { target: { value: '099' } });
    expect(numbers()).toEqual(['INV-0990']);
  });

  it('multi-selects shown invoices', async () => {
    await renderPanel(inrSnapshot());
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'overdue' } });
    fireEvent.click(screen.getByLabelText('Select all shown invoices'));
    expect(screen.getByText(/4 invoices, 4 selected/)).toBeTruthy();
  });

  it(`renders only a window of rows past ${VIRTUALISE_AFTER} invoices`, async () => {
    const snapshot = inrSnapshot();
    const template = snapshot.invoices[1] as Invoice;
    snapshot.invoices = Array.from({ length: 1500 }, (_, i) => ({ ...template, id: `inv${i}`, number: `BULK-${String(i).padStart(4, '0')}` }));
    const { container } = await renderPanel(snapshot);
    // A big account's figures and table render one task after the header (NextTask, issue 18).
    expect(await screen.findByText(/1500 invoices/)).toBeTruthy();
    expect(numbers().length).toBeLessThan(60);
    // The table scrolls inside its wrapper, which listens for the scroll.
    const scroller = invoiceTable().parentElement as HTMLElement;
    scroller.scrollTop = 30 * 1000;
    fireEvent.scroll(scroller);
    expect(numbers()).toContain('BULK-1000');
    expect(container.querySelectorAll('tbody tr[aria-hidden="true"]').length).toBe(2);
  });
});
