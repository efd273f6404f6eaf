/** The bundles built once for this e2e run (fresh-bundles.ts, the project's global setup). */
import { inject } from 'vitest';
import './fresh-bundles';

export function freshBundles(): { widgetDir: string; connectorDir: string } {
  return { widgetDir: inject('freshWidgetDir'), connectorDir: inject('freshConnectorDir') };
}
