/**
 * Node-side entry: everything in the page-safe entry plus the jsforce client and an org setup check.
 * Never import this from page code (widget, extension content scripts, LWC resource).
 */
export * from './index';
export { createJsforceClient } from './jsforce-client';
export type { JsforceClient, JsforceClientOptions } from './jsforce-client';
import type { SalesforceClient } from './client';
import { detectPreset, presetMapping } from './mapping/presets';
import type { PresetName } from './mapping/presets';
import type { MappingConfig } from './mapping/schema';
import { setupCheck } from './mapping/setup-check';
import type { SetupReport } from './mapping/setup-check';

/**
 * "Check my org" from Node: pick the preset from describeGlobal (unless a mapping is given), then
 * describe every mapped object and report every missing object, field or permission.
 */
export async function checkOrgSetup(client: SalesforceClient, mapping?: MappingConfig): Promise<SetupReport & { preset: PresetName | 'custom' }> {
  let chosen = mapping;
  let preset: PresetName | 'custom' = 'custom';
  if (!chosen) {
    preset = await detectPreset(client);
    chosen = presetMapping(preset);
  }
  return { ...(await setupCheck(client, chosen)), preset };
}
