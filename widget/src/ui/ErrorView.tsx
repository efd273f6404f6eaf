/** The ONE error view: every ConnectorError kind (thrown or serialized, via reduceError) renders here, loads and writes alike. */
import type { ErrorViewModel } from '../errors';

export interface ErrorViewProps {
  error: ErrorViewModel;
  onRetry?: () => void;
  retryLabel?: string;
}

export function ErrorView({ error, onRetry, retryLabel = 'Try again' }: ErrorViewProps) {
  return (
    <div class="alert" role="alert" data-error-kind={error.kind}>
      <h3>{error.title}</h3>
      <p>{error.message}</p>
      {error.fields.length > 0 && <p>Fields: {error.fields.join(', ')}</p>}
      {error.steps.length > 0 && (
        <ol>
          {error.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      )}
      {onRetry && error.retryable && (
        <button type="button" onClick={onRetry}>
          {retryLabel}
        </button>
      )}
    </div>
  );
}
