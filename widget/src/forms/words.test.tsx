/** Words for people (issue 17): every field error says what is wrong, the limit and what to do. */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { inrSnapshot } from '../../test/fixtures';
import { renderPanel } from '../../test/render';

afterEach(cleanup);

function form(name: string): HTMLElement {
  return screen.getByRole('form', { name });
}

describe('field errors in words', () => {
  it('a 40,000-character note is refused with its length, the limit and what to do, and kept', async () => {
    await renderPanel(inrSnapshot());
    fireEvent.click(screen.getByRole('button', { name: 'Log a call' }));
    const f = form('Log a call');
    fireEvent.change(within(f).getByLabelText('Outcome'), { target: { value: 'reached' } });
    const note = 'x'.repeat(40_000);
    fireEvent.input(within(f).getByLabelText('Notes'), { target: { value: note } });
    fireEvent.click(within(f).getByRole('button', { name: 'Save call' }));
    await waitFor(() => expect(f.textContent).toContain('The note is too long: 40,000 characters, at most 32,000. Shorten it, or keep the rest in an attached file.'));
    expect(f.textContent).not.toContain('Please check: notes');
    expect((within(f).getByLabelText('Notes') as HTMLTextAreaElement).value).toBe(note);
  });

  it('plan fields: the instalment count and a negative down payment, with the limit', async () => {
    await renderPanel(inrSnapshot());
    fireEvent.click(screen.getByRole('button', { name: 'Payment plan' }));
    const f = form('Payment plan');
    fireEvent.input(within(f).getByLabelText('Instalments'), { target: { value: '0' } });
    expect(f.textContent).toContain('Instalments: 0 is not possible; enter a whole number from 1 to 120.');
    expect(f.textContent).not.toMatch(/count: must be/);
    fireEvent.input(within(f).getByLabelText('Instalments'), { target: { value: '3' } });
    fireEvent.input(within(f).getByLabelText('Down payment (INR)'), { target: { value: '-5' } });
    expect(f.textContent).not.toMatch(/amountMinor|minor units/);
    expect(f.textContent).toContain('Down payment: it is below zero; enter zero or more.');
  });
});
