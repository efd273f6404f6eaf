/** The six DPD buckets (domain-rules (b)) as a bar plus a legend that carries the numbers (the bar is decorative). */
import type { BucketAmount } from '../domain';
import { money } from '../format';

export const BUCKET_LABELS = ['Current', '1–30', '31–60', '61–90', '91–120', '120+'] as const;

export function AgingBar({ buckets, locale, caption }: { buckets: BucketAmount[]; locale: string; caption: string }) {
  const total = buckets.reduce((acc, b) => acc + Math.max(0, b.amount.amountMinor), 0);
  return (
    <div>
      <div class="aging" aria-hidden="true">
        {total > 0 &&
          buckets.map((b, index) =>
            b.amount.amountMinor > 0 ? <span key={b.key} class={`b${index}`} style={{ width: `${(b.amount.amountMinor / total) * 100}%` }} /> : null,
          )}
      </div>
      <ul class="legend" aria-label={caption}>
        {buckets.map((b, index) => (
          <li key={b.key}>
            <i class={`b${index}`} aria-hidden="true" />
            {BUCKET_LABELS[index] ?? b.key}: <span class="num">{money(b.amount, locale)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
