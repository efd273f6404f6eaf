import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { inrSnapshot } from '../../test/fixtures';
import { renderPanel } from '../../test/render';

afterEach(cleanup);

describe('timeline of a big account', () => {
  it('says how many older activities the connector left out', async () => {
    await renderPanel({ ...inrSnapshot(), olderActivities: 1234 });
    fireEvent.click(screen.getByRole('tab', { name: 'Timeline' }));
    expect(screen.getByText(/older activities are not shown here/).textContent).toBe("1,234 older activities are not shown here; they are in the CRM's activity history.");
  });

  it('says nothing when everything was sent', async () => {
    await renderPanel(inrSnapshot());
    fireEvent.click(screen.getByRole('tab', { name: 'Timeline' }));
    expect(screen.queryByText(/older activit/)).toBeNull();
  });
});
