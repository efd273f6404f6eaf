import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineElement, ELEMENT_NAME } from './element';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('defineElement', () => {
  it('registers <collections-panel> once when a registry exists', () => {
    defineElement();
    defineElement();
    expect(customElements.get(ELEMENT_NAME)).toBeTypeOf('function');
  });

  it('is a no-op when customElements is null (Chromium extension isolated world)', () => {
    vi.stubGlobal('customElements', null);
    expect(globalThis.customElements).toBeNull();
    expect(() => defineElement()).not.toThrow();
  });

  it('is a no-op when customElements is undefined (no DOM registry at all)', () => {
    vi.stubGlobal('customElements', undefined);
    expect(() => defineElement()).not.toThrow();
  });

  it('importing the public entry does not throw when customElements is null', async () => {
    vi.stubGlobal('customElements', null);
    vi.resetModules();
    const entry = await import('./index');
    expect(entry.CollectionsPanel.defineElement).toBeTypeOf('function');
  });
});
