/**
 * axe-core in jsdom: run the real engine on a container. Rules that need layout or canvas
 * (colour contrast, scrollable-region focus heuristics) cannot work in jsdom and are disabled;
 * everything else (names, roles, ARIA, landmarks, tables, forms) runs.
 */
import axe from 'axe-core';
import { expect } from 'vitest';

export async function expectNoAxeViolations(container: Element): Promise<void> {
  const results = await axe.run(container, {
    rules: {
      'color-contrast': { enabled: false },
      'scrollable-region-focusable': { enabled: false },
      region: { enabled: false },
    },
  });
  const summary = results.violations.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.html).join(' | ')}`);
  expect(summary).toEqual([]);
}
