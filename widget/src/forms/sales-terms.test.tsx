import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountSnapshot } from '../../../connector/port';
import { expectNoAxeViolations } from '../../test/axe';
import { inrSnapshot } from '../../test/fixtures';
import { renderPanel } from '../../test/render';

afterEach(cleanup);

/** The INR fixture with a Task the sales owner wrote: "Payment terms: …" (mapped by the connector). */
function withAgreedTerms(): AccountSnapshot {
  const snapshot = inrSnapshot();
  snapshot.activities = [
    { id: '00T000000000077AAA', kind: 'note', direction: 'outbound', occurredAt: '2026-11-14T04:30:00Z', conversation: false, agreedBySales: true,
      subject: 'INV-0900 may be paid by 15 December', body: 'Agreed on the renewal call.', createdBy: { id: '005000000000009AAA', name: 'Arjun Mehta' } },
    ...snapshot.activities,
  ];
  return snapshot;
}

describe('payment terms agreed by sales (issue 19)', () => {
  it('are marked "Agreed by sales" in the timeline', async () => {
    await renderPanel(withAgreedTerms());
    fireEvent.click(screen.getByRole('tab', { name: 'Timeline' }));
    const entry = within(screen.getByRole('list', { name: 'Timeline, newest first' })).getByText('Agreed by sales').closest('li');
    expect(entry?.textContent).toContain('Payment terms: INV-0900 may be paid by 15 December (Arjun Mehta)');
    expect(entry?.textContent).toContain('Agreed on the renewal call.');
  });

  it('show above the reminder text, so the collector does not chase what sales deferred', async () => {
    await renderPanel(withAgreedTerms());
    fireEvent.click(screen.getByRole('button', { name: 'Reminder e-mail' }));
    const form = screen.getByRole('form', { name: 'Reminder e-mail' });
    const note = within(form).getByRole('note', { name: 'Agreed by sales' });
    expect(note.textContent).toBe('Sales agreed: INV-0900 may be paid by 15 December — Agreed on the renewal call. (Arjun Mehta, 14 Nov 2026)');
    expect(note.compareDocumentPosition(within(form).getByRole('region', { name: 'Preview' })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await expectNoAxeViolations(form);
  });

  it('say nothing when sales agreed nothing', async () => {
    await renderPanel(inrSnapshot());
    fireEvent.click(screen.getByRole('button', { name: 'Reminder e-mail' }));
    expect(screen.queryByRole('note', { name: 'Agreed by sales' })).toBeNull();
  });
});
