/**
 * The read side of the Lightning host's port (exposed as `window.CollectionsLds`), what the panel
 * needs to paint: it adapts Apex shapes to the REST connector's own mapper, so the Lightning host
 * has no second copy of any field mapping:
 * - `mapApexSnapshot`: `CollectionsController.getSnapshot` JSON → composite response → the
 *   connector's `mapSnapshot`.
 * - `toConnectorError`: LDS/Apex errors → `ConnectorError` through the connector's error mapping.
 * - `WRITE_METHODS`: the port's write methods, so the LWC builds its port without the write code.
 * The write side (planning with the connector's builders, lds-writes.ts; sending once per key,
 * lightning-writer.ts) loads after paint with the forms resource (forms-entry.ts, decision 0026).
 */
import { ConnectorError } from '../../connector/errors';
import { PORT_METHODS } from '../../connector/port-methods';
import type { AccountSnapshot, PortMethod, RecordRef } from '../../connector/port';
import type { CompositeResponse, CompositeSubresponse } from '../../connector/salesforce/client';
import { mapSalesforceError } from '../../connector/salesforce/errors';
import { productPreset } from '../../connector/salesforce/mapping/presets';
import type { MappingConfig } from '../../connector/salesforce/mapping/schema';
import { SNAPSHOT_REFS } from '../../connector/salesforce/snapshot/build';
import { mapSnapshot } from '../../connector/salesforce/snapshot/map';
import { defaultHolidaySource } from '../../connector/holidays/default-source';

/** The snapshot's section names, for the writer's look-up by key in a fresh snapshot (lightning-writer.ts). */
export { SNAPSHOT_REFS };

/** The Lightning host always uses the product objects the package ships (also the write path's, lds-writes.ts). */
export const LIGHTNING_MAPPING: MappingConfig = productPreset();

// ---------------------------------------------------------------------------------------------
// Reads

type Section = { totalSize: number; done: boolean; records: Record<string, unknown>[] } | { error: true; errorCode: string; message: string };

function isErrorSection(section: Section): section is { error: true; errorCode: string; message: string } {
  return 'error' in section && section.error === true;
}

/**
 * `getSnapshot` JSON (sections keyed by composite referenceId) → the composite response the REST
 * connector would have received. Apex omits null fields when serialising records; the ctx record
 * gets an explicit `AccountId: null` so "no account" is not mistaken for "this is the account".
 * The `rates` section (the org's currencies) is there only in a multi-currency org.
 */
export function apexSnapshotToComposite(json: string, ref: RecordRef): CompositeResponse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ConnectorError({ kind: 'malformed_response', detail: 'getSnapshot did not return JSON' });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConnectorError({ kind: 'malformed_response', detail: 'getSnapshot did not return an object of sections' });
  }
  const sections = parsed as Record<string, Section>;
  const isAccountPage = ref.id.startsWith('001') || ref.objectType === 'account';
  const compositeResponse: CompositeSubresponse[] = Object.entries(sections).map(([referenceId, section]) => {
    if (isErrorSection(section)) {
      return { referenceId, httpStatusCode: 400, httpHeaders: {}, body: [{ errorCode: section.errorCode, message: section.message }] };
    }
    if (referenceId === SNAPSHOT_REFS.ctx) {
      // The REST ctx is an sObject Rows GET (decision 0028): the record itself, or 404 when it is gone.
      const record = section.records[0];
      return record
        ? { referenceId, httpStatusCode: 200, httpHeaders: {}, body: isAccountPage ? record : { AccountId: null, ...record } }
        : { referenceId, httpStatusCode: 404, httpHeaders: {}, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
    }
    return { referenceId, httpStatusCode: 200, httpHeaders: {}, body: section };
  });
  return { compositeResponse };
}

/** Apex snapshot JSON → AccountSnapshot, with the connector's own mapping. */
export function mapApexSnapshot(json: string, ref: RecordRef): AccountSnapshot {
  // The LWC cannot run date-holidays: the generated table checks the covered countries' holidays (decision 0021).
  return mapSnapshot(LIGHTNING_MAPPING, apexSnapshotToComposite(json, ref), { holidays: defaultHolidaySource });
}

/** The port's write methods (every method but the two reads), which the LWC port routes to the writer. */
export const WRITE_METHODS: readonly PortMethod[] = PORT_METHODS.filter((method) => method !== 'loadSnapshot' && method !== 'listContacts');

// ---------------------------------------------------------------------------------------------
// Errors

type LightningError = {
  status?: number;
  body?: {
    message?: string;
    output?: { errors?: { errorCode?: string; message?: string }[]; fieldErrors?: Record<string, { errorCode?: string; message?: string; field?: string }[]> };
  } | { errorCode?: string; message?: string }[];
};

const APEX_CODED_MESSAGE = /^([A-Z][A-Z_]+): ([\s\S]*)$/;

/**
 * An LDS / Apex error → ConnectorError (via the connector's Salesforce error mapping).
 * - Apex: `body.message` "CODE: text" (CollectionsController.auraError) or a platform message;
 * - LDS DML: `body.output.errors[]` and `body.output.fieldErrors{}`;
 * - no status (status 0 / undefined): the request never completed → network.
 */
export function toConnectorError(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) {
    return error;
  }
  const e = (error ?? {}) as LightningError;
  if (typeof e.status !== 'number' || e.status === 0) {
    return new ConnectorError({ kind: 'network', detail: error instanceof Error ? error.message : 'Lightning request did not complete', cause: error });
  }
  const body = e.body;
  if (Array.isArray(body)) {
    return mapSalesforceError(e.status, body, 'Lightning');
  }
  const items: { errorCode?: string; message: string; fields?: string[] }[] = [];
  for (const item of body?.output?.errors ?? []) {
    items.push({ ...(item.errorCode ? { errorCode: item.errorCode } : {}), message: item.message ?? '' });
  }
  for (const [field, fieldErrors] of Object.entries(body?.output?.fieldErrors ?? {})) {
    for (const item of fieldErrors) {
      items.push({ ...(item.errorCode ? { errorCode: item.errorCode } : {}), message: item.message ?? '', fields: [field] });
    }
  }
  if (items.length === 0 && typeof body?.message === 'string') {
    const coded = APEX_CODED_MESSAGE.exec(body.message);
    items.push(coded?.[1] ? { errorCode: coded[1], message: coded[2] ?? '' } : { message: body.message });
  }
  return mapSalesforceError(e.status, items, 'Lightning');
}
