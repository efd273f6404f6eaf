/**
 * The focused element as a keyboard user meets it, through open shadow roots: `tag|name`, the name being its
 * `<label>`, its aria-label, or its text without aria-hidden parts (an action button's key letter).
 */
import type { Page } from 'playwright-core';

export function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) {
      active = active.shadowRoot.activeElement;
    }
    if (!active) {
      return '';
    }
    const visibleText = (element: Element): string => {
      const copy = element.cloneNode(true) as Element;
      copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
      return copy.textContent ?? '';
    };
    const id = active.getAttribute('id');
    const root = active.getRootNode() as Document | ShadowRoot;
    const label = id ? root.querySelector(`label[for="${id}"]`) : active.closest('label');
    return `${active.tagName.toLowerCase()}|${(label?.textContent ?? active.getAttribute('aria-label') ?? visibleText(active)).trim()}`;
  });
}
