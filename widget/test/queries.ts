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

/** The figure after a term in the panel's lists ("Collectable" → "₹7,35,000.50"); null when there is no such term. */
export function figure(term: string): string | null {
  const dt = [...document.querySelectorAll('dt')].find((el) => el.textContent === term);
  return dt?.nextElementSibling?.textContent ?? null;
}
