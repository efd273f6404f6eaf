import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Invoice } from '../../../connector/domain/model';
import { inrSnapshot } from '../../test/fixtures';
import { renderPanel } from '../../test/render';
import { VIRTUALISE_AFTER } from './InvoiceTable';

afterEach(cleanup);

function numbers(): string[] {
  return screen.getAllByTestId('invoice-row').map((row) => row.querySelector('th')?.textContent ?? '');
}

describe('invoice table', () => {
  it('lists open invoices, most overdue first, with disputed/promised markers', async () => {
    await renderPanel(inrSnapshot());
    expect(numbers()).toEqual(['INV-0850', 'INV-0900', 'INV-0950', 'INV-0990', 'INV-1001']);
    const disputed = screen.getAllByTestId('invoice-row')[1] as HTMLElement;
    expect(within(disputed).getByText('Disputed')).toBeTruthy();
    const promised = screen.getAllByTestId('invoice-row')[2] as HTMLElement;
    expect(within(promised).getByText('Promised')).toBeTruthy();
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
    expect(screen.getByText(/1500 invoices/)).toBeTruthy();
    expect(screen.getAllByTestId('invoice-row').length).toBeLessThan(60);
    const scroller = screen.getByTestId('invoice-scroll');
    scroller.scrollTop = 30 * 1000;
    fireEvent.scroll(scroller);
    expect(numbers()).toContain('BULK-1000');
    expect(container.querySelectorAll('tbody tr[aria-hidden="true"]').length).toBe(2);
  });
});
