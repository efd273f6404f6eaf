/** Which actions the panel offers depends on the CRM's capabilities, except the ones every CRM can do. */
import { cleanup, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { inrSnapshot } from '../../test/fixtures';
import { renderPanel } from '../../test/render';

afterEach(cleanup);

describe('action bar', () => {
  it('offers a reminder e-mail (mailto + logged activity) even when the CRM cannot send e-mail itself', async () => {
    const snapshot = inrSnapshot();
    snapshot.capabilities = { ...snapshot.capabilities, sendEmail: false };
    await renderPanel(snapshot);
    const toolbar = screen.getByRole('toolbar', { name: 'Actions' });
    expect(within(toolbar).getByRole('button', { name: 'Reminder e-mail' })).toBeTruthy();
  });

  it('hides actions whose records the CRM mapping cannot store', async () => {
    const snapshot = inrSnapshot();
    snapshot.capabilities = { ...snapshot.capabilities, plans: false, settlements: false };
    await renderPanel(snapshot);
    const toolbar = within(screen.getByRole('toolbar', { name: 'Actions' }));
    expect(toolbar.queryByRole('button', { name: 'Payment plan' })).toBeNull();
    expect(toolbar.queryByRole('button', { name: 'Settlement' })).toBeNull();
    expect(toolbar.getByRole('button', { name: 'Promise to pay' })).toBeTruthy();
  });
});
