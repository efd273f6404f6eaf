import { cleanup, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { inrSnapshot } from '../../test/fixtures';
import { renderPanel } from '../../test/render';
import { SPLIT_RENDER_ABOVE_INVOICES } from './NextTask';

afterEach(cleanup);

/** What the panel showed after each DOM change: the header (account name) and the summary ("Total due"). */
function watch(name: string): { frames: string[]; stop: () => void } {
  const frames: string[] = [];
  const observer = new MutationObserver(() => {
    const text = document.body.textContent ?? '';
    const frame = `${text.includes(name) ? 'header' : '-'}/${text.includes('Total due') ? 'summary' : '-'}`;
    if (frames.at(-1) !== frame) {
      frames.push(frame);
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  return { frames, stop: () => observer.disconnect() };
}

function withInvoices(count: number) {
  const snapshot = inrSnapshot();
  const first = snapshot.invoices[0]!;
  snapshot.invoices = Array.from({ length: count }, (_, i) => ({ ...first, id: `a01${String(i).padStart(15, '0')}`, number: `INV-${i + 1}` }));
  return snapshot;
}

describe('the render of a big account is split in two tasks (issue 18)', () => {
  it('shows the header first and the summary in the next task', async () => {
    const snapshot = withInvoices(SPLIT_RENDER_ABOVE_INVOICES + 1);
    const seen = watch(snapshot.account.name);
    await renderPanel(snapshot);
    await waitFor(() => expect(screen.getAllByText(/Total due/).length).toBeGreaterThan(0));
    seen.stop();
    expect(seen.frames).toContain('header/-');
    expect(seen.frames.at(-1)).toBe('header/summary');
  });

  it('renders a smaller account in one go', async () => {
    const snapshot = withInvoices(SPLIT_RENDER_ABOVE_INVOICES);
    const seen = watch(snapshot.account.name);
    await renderPanel(snapshot);
    await waitFor(() => expect(screen.getAllByText(/Total due/).length).toBeGreaterThan(0));
    seen.stop();
    expect(seen.frames).not.toContain('header/-');
  });
});
