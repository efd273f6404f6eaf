/**
 * scripts/trusted-guards.mjs replaces connector/domain/guards.ts with pass-throughs in the panel's page
 * builds (decision 0018, second pass). The stub must name every guard the real module exports, or a
 * domain module would import `undefined` in the page.
 */
import { describe, expect, it } from 'vitest';
import * as guards from '../../connector/domain/guards';
import { guardNames, trustedGuardsModule } from '../../scripts/trusted-guards.mjs';

describe('trusted guards (page builds)', () => {
  it('stubs exactly the guards connector/domain/guards.ts exports, each a function', () => {
    expect([...guardNames()].sort()).toEqual(Object.keys(guards).sort());
    for (const guard of Object.values(guards)) {
      expect(typeof guard).toBe('function');
    }
  });

  it('returns what it is given, as the real guards do for valid input', async () => {
    const url = `data:text/javascript,${encodeURIComponent(trustedGuardsModule())}`;
    const stub = (await import(/* @vite-ignore */ url)) as Record<string, (value: unknown, path: string) => unknown>;
    const invoice = { id: 'i1' };
    expect(stub.invoice?.(invoice, 'invoice')).toBe(invoice);
    expect(Object.keys(stub).sort()).toEqual(Object.keys(guards).sort());
  });
});
