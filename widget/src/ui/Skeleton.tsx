/** Placeholder while the first snapshot loads (no layout shift when figures arrive). */
export function Skeleton() {
  return (
    <div class="cp" role="region" aria-label="Collections" aria-busy="true">
      <p class="visually-hidden" role="status">
        Loading collections data…
      </p>
      <div class="skeleton" style={{ width: '60%' }} />
      <div class="skeleton" />
      <div class="skeleton" style={{ height: '3rem' }} />
      <div class="skeleton" style={{ width: '80%' }} />
    </div>
  );
}
