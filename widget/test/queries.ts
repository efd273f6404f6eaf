/**
 * Test queries for the panel's named live regions, found by role and accessible name the way a
 * screen-reader user finds them (no test-only attributes in the shipped bundle).
 */
import { screen } from '@testing-library/preact';

/** The header's call-compliance badge ("OK to call until 19:00 IST", "Blocked: …"). */
export function complianceBadge(): HTMLElement {
  return screen.getByRole('status', { name: 'Call compliance' });
}

/** The confirmation of the last saved action ("Call logged: …", "Dispute sent to …"). */
export function lastAction(): HTMLElement {
  return screen.getByRole('status', { name: 'Last action' });
}
