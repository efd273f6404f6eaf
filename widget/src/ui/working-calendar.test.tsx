/** Issue 17: the badge follows the debtor country's working week and the holidays that came with the snapshot. */
import { cleanup } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createDateHolidaysSource } from '../../../connector/holidays/date-holidays-source';
import { FakePort } from '../../test/fakePort';
import { kwdSnapshot, usdMultiSnapshot } from '../../test/fixtures';
import { complianceBadge } from '../../test/queries';
import { renderPanel } from '../../test/render';

afterEach(cleanup);

describe('working week and public holidays in the call badge', () => {
  it('calls a Kuwaiti customer on Sunday and not on Friday (the weekend in Kuwait)', async () => {
    const sunday = new FakePort([kwdSnapshot()], '2026-11-22');
    await renderPanel(kwdSnapshot(), { port: sunday, now: Date.parse('2026-11-22T08:00:00Z') }); // Sun 11:00 Kuwait
    expect(complianceBadge().textContent).toMatch(/^OK to call until 0?6:00\s?pm/i);
  });

  it('blocks the Kuwaiti Friday as the weekend', async () => {
    await renderPanel(kwdSnapshot(), { now: Date.parse('2026-11-20T08:00:00Z') }); // Fri 11:00 Kuwait
    expect(complianceBadge().textContent).toBe('Blocked: not on this day');
  });

  it("blocks Thanksgiving for a New York customer when the connector sent the country's holidays", async () => {
    const port = new FakePort([usdMultiSnapshot()], '2026-11-26');
    port.holidays = createDateHolidaysSource();
    await renderPanel(usdMultiSnapshot(), { port, now: Date.parse('2026-11-26T15:00:00Z') }); // Thu 10:00 New York
    expect(complianceBadge().textContent).toBe('Blocked: public holiday');
  });

  it('says holidays were not checked only when no calendar came (page-run connector)', async () => {
    const port = new FakePort([usdMultiSnapshot()], '2026-11-26');
    await renderPanel(usdMultiSnapshot(), { port, now: Date.parse('2026-11-26T15:00:00Z') });
    expect(complianceBadge().textContent).toMatch(/^OK to call until/);
  });
});
