/**
 * Page-safe entry of the Salesforce connector (extension service worker, sandbox demo page, LWC
 * static resource). Only fetch + zod/mini: jsforce lives in `./node` and must never be imported here
 * (bundle.test.ts enforces it).
 */
export { throwIfCompositeFailed, contactsQuery } from './rest-port';
import { createSalesforcePort as createRestPort } from './rest-port';
import type { SalesforcePort, SalesforcePortExtras, SalesforcePortOptions } from './rest-port';
import { withPageOutbox } from '../writes/page-outbox';

/**
 * The Salesforce port. In a page (the embed, the demo) its writes go through a durable outbox by
 * default (connector/writes/page-outbox.ts: queued offline or in an outage, replayed with their keys);
 * `outbox: false` opts out. In the extension's service worker and in Node it is the plain REST port.
 */
export function createSalesforcePort(options: SalesforcePortOptions & SalesforcePortExtras & { outbox?: boolean }): SalesforcePort {
  return withPageOutbox(createRestPort(options), options.instanceUrl, { ...(options.outbox === false ? { enabled: false } : {}) });
}
export type { SalesforcePort, SalesforcePortOptions, SalesforcePortExtras, UnknownOutcomeStore } from './rest-port';
export { createFetchClient, instanceOrigin, apiHostFor } from './fetch-client';
export type { FetchClientOptions } from './fetch-client';
export { CALL_OPTIONS_CLIENT, DEFAULT_API_VERSION, dataPathFor, parseLimitInfo } from './client';
export type {
  CompositeRequest,
  CompositeResponse,
  CompositeSubrequest,
  CompositeSubresponse,
  DescribeGlobalResult,
  DescribeSObjectResult,
  LimitsResult,
  QueryResult,
  RequestOptions,
  SalesforceClient,
  SalesforceRecord,
  SaveResult,
} from './client';
export { isSalesforceId, to18, sameId, objectTypeOf, KEY_PREFIXES } from './ids';
export { escapeSoqlString, soqlString, soqlLike, soqlId, soqlIdList, select } from './soql';
export { mapSalesforceError } from './errors';
export { withRowLockRetry } from './retry';
export { buildSnapshotRequest, SNAPSHOT_REFS } from './snapshot/build';
export { mapSnapshot } from './snapshot/map';
export { MappingConfigSchema, mappingProblems } from './mapping/schema';
export type { MappingConfig } from './mapping/schema';
export { presetMapping, pickPreset, detectPreset, productPreset, billingPreset, standardInvoicePreset, PRESET_NAMES } from './mapping/presets';
export type { PresetName } from './mapping/presets';
export { parseCustomMapping } from './mapping/custom';
export { setupCheck } from './mapping/setup-check';
export type { SetupReport, SetupProblem } from './mapping/setup-check';
export { ConnectorError, isConnectorError, toSerializedError, fromSerializedError } from '../errors';
// The durable outbox for page hosts (decision 0016): IndexedDB entries, replayed with their own keys.
export { createOutbox, memoryOutboxStorage } from '../writes/outbox';
export { createDurablePort, withOutbox } from '../writes/outbox-port';
export { indexedDbOutboxStorage } from '../writes/outbox-idb';
