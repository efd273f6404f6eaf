import { cleanup, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { emptySnapshot, inrSnapshot, TODAY } from '../../test/fixtures';
import { renderPanel } from '../../test/render';
import { salesStanding } from './SalesSummary';

afterEach(cleanup);

describe('"Before you sell" on an opportunity (issue 19)', () => {
  it('shows only in the sales view, above the actions', async () => {
    await renderPanel(inrSnapshot());
    expect(screen.queryByTestId('sales-summary')).toBeNull();
    cleanup();
    await renderPanel(inrSnapshot(), { salesView: true });
    const box = screen.getByTestId('sales-summary');
    expect(box.compareDocumentPosition(screen.getByRole('toolbar', { name: 'Actions' })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const figures = within(box);
    expect(figures.getByText('Open disputes').nextElementSibling?.textContent).toMatch(/^\d+$/);
    expect(figures.getByText('Credit limit').nextElementSibling?.textContent).toBe('₹1,00,00,000.00');
  });

  it('suggests a hold with the reason in words when something is 90+ days overdue', () => {
    // INV-0850 (₹40,000) due 1 June and INV-0900 (₹3,00,000) due 15 August are 172 and 97 days late on 20 November.
    const standing = salesStanding(inrSnapshot(), TODAY, 'en-IN');
    expect(standing.oldestOverdueDays).toBe(172);
    expect(standing.brokenPromises).toBe(1);
    expect(standing.holdSuggested).toBe(true);
    expect(standing.reasons).toEqual(['₹3,40,000.00 is 90 or more days overdue.']);
  });

  it('suggests nothing for a customer with nothing open', () => {
    const standing = salesStanding(emptySnapshot(), TODAY, 'en-US');
    expect(standing).toMatchObject({ holdSuggested: false, reasons: [], oldestOverdueDays: 0, overdue: [] });
  });
});
