/**
 * Generates `CollectionsSnapshotQueries.cls`: the SOQL the Apex controller runs, taken from the
 * connector's snapshot builder (`connector/salesforce/snapshot/build.ts`, product mapping preset) so
 * the Lightning host runs exactly the queries the REST connector sends and `mapSnapshot` reads
 * identical shapes.
 *
 * The builder inlines values as literals; here they become Apex bind variables so nothing is ever
 * concatenated into SOQL at runtime:
 * - account id literal → `:accountId`, record id → `:recordId`
 * - look-back literals (computed from a fixed sentinel clock) → `:activitySince` / `:historySince`,
 *   and each contact's Tasks window (the longest compliance window, issue 18) → `:complianceSince`
 */
import type { CompositeRequest } from '../../connector/salesforce/client';
import { to18 } from '../../connector/salesforce/ids';
import { buildSnapshotRequest, contextQuery, SNAPSHOT_REFS } from '../../connector/salesforce/snapshot/build';
import { productPreset } from '../../connector/salesforce/mapping/presets';
import type { MappingConfig } from '../../connector/salesforce/mapping/schema';
import { soqlDate, soqlDateTime } from '../../connector/salesforce/soql';
import { addDays } from '../../connector/salesforce/values';
import { activitySourceWindow } from '../../connector/snapshot-activities';

/** The connector looks one year back for invoice and payment history (build.ts `addDays(today, -365)`). */
export const HISTORY_LOOKBACK_DAYS = 365;
const SENTINEL_NOW = new Date('2000-01-01T00:00:00Z');
const ACCOUNT_BIND = ':accountId';
/** Days of a contact's own Tasks the snapshot reads (connector/snapshot-activities.ts `activitySourceWindow`). */
export const COMPLIANCE_LOOKBACK_DAYS = Math.round((SENTINEL_NOW.getTime() - activitySourceWindow(SENTINEL_NOW).since.getTime()) / 86_400_000);

/** A snapshot section: the composite referenceId and its SOQL with bind variables. */
export interface ApexSection {
  referenceId: string;
  soql: string;
}

/** Replaces every occurrence of `literal`; throws if absent, so a builder change fails generation loudly. */
function bind(soql: string, literal: string, variable: string, section: string): string {
  if (!soql.includes(literal)) {
    throw new Error(`generate Apex queries: the ${section} SOQL no longer contains ${literal}; update apex-queries.ts`);
  }
  return soql.split(literal).join(variable);
}

type ContextObject = 'Account' | 'Contact' | 'Opportunity' | 'Case';
const CONTEXT_OBJECTS: readonly ContextObject[] = ['Account', 'Contact', 'Opportunity', 'Case'];
const KEY_PREFIX: Record<ContextObject, string> = { Account: '001', Contact: '003', Opportunity: '006', Case: '500' };

/** A valid (checksummed) 18-char id of the object, used only as a placeholder to find and bind. */
function placeholderId(object: ContextObject): string {
  return to18(`${KEY_PREFIX[object]}000000000000`);
}

/** The SOQL of one subrequest of the composite request, URL-decoded. */
function subrequestSoql(request: CompositeRequest, referenceId: string): string | null {
  const sub = request.compositeRequest.find((r) => r.referenceId === referenceId);
  if (!sub) {
    return null;
  }
  const q = new URL(sub.url, 'https://placeholder.invalid').searchParams.get('q');
  if (!q) {
    throw new Error(`generate Apex queries: subrequest ${referenceId} is not a query`);
  }
  return q;
}

function snapshotRequest(mapping: MappingConfig, object: ContextObject): CompositeRequest {
  return buildSnapshotRequest(mapping, { id: placeholderId(object) }, { now: SENTINEL_NOW });
}

/**
 * The record-to-account queries per record-page object, with `:recordId`. The composite resolves the
 * record with an sObject Rows GET (decision 0028); Apex runs the same field as SOQL (build.ts `contextQuery`).
 */
export function contextQueries(): Record<ContextObject, string> {
  const entries = CONTEXT_OBJECTS.map((object) => {
    const literal = `'${placeholderId(object)}'`;
    return [object, bind(contextQuery(object, literal), literal, ':recordId', `ctx ${object}`)] as const;
  });
  return Object.fromEntries(entries) as Record<ContextObject, string>;
}

/** The mapping the Lightning host uses: our product objects (the package ships them). */
export function lightningMapping(): MappingConfig {
  return productPreset();
}

/**
 * Section queries in composite order (everything after `ctx`), with the composite reference to the
 * account id and the look-back literals replaced by bind variables.
 */
export function apexSections(mapping: MappingConfig = lightningMapping()): ApexSection[] {
  const activitySince = soqlDateTime(new Date(SENTINEL_NOW.getTime() - mapping.activity.lookbackDays * 86_400_000));
  const complianceSince = soqlDateTime(activitySourceWindow(SENTINEL_NOW).since);
  const historySince = soqlDate(addDays(SENTINEL_NOW.toISOString().slice(0, 10), -HISTORY_LOOKBACK_DAYS));
  const request = snapshotRequest(mapping, 'Account');
  const accountReference = `'@{${SNAPSHOT_REFS.ctx}.Id}'`;
  const lookbacks: Record<string, [string, string] | null> = {
    [SNAPSHOT_REFS.account]: [activitySince, ':activitySince'],
    [SNAPSHOT_REFS.invoices]: [historySince, ':historySince'],
    [SNAPSHOT_REFS.payments]: [historySince, ':historySince'],
    [SNAPSHOT_REFS.notes]: null,
    [SNAPSHOT_REFS.rates]: null,
  };
  /** Sections that do not depend on the account (the org's currencies). */
  const orgWide = new Set<string>([SNAPSHOT_REFS.rates]);
  return request.compositeRequest
    .filter((sub) => sub.referenceId !== SNAPSHOT_REFS.ctx)
    .map((sub) => {
      const referenceId = sub.referenceId;
      if (!(referenceId in lookbacks)) {
        throw new Error(`generate Apex queries: unknown snapshot section ${referenceId}; update apex-queries.ts`);
      }
      const raw = subrequestSoql(request, referenceId) ?? '';
      let soql = orgWide.has(referenceId) ? raw : bind(raw, accountReference, ACCOUNT_BIND, referenceId);
      const lookback = lookbacks[referenceId];
      if (lookback) {
        soql = bind(soql, lookback[0], lookback[1], referenceId);
      }
      if (referenceId === SNAPSHOT_REFS.account) {
        soql = bind(soql, complianceSince, ':complianceSince', referenceId);
      }
      return { referenceId, soql };
    });
}

function apexString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Source of `CollectionsSnapshotQueries.cls`. */
export function renderSnapshotQueriesClass(mapping: MappingConfig = lightningMapping()): string {
  const ctx = contextQueries();
  const sections = apexSections(mapping);
  const lines = [
    '// GENERATED by salesforce/scripts/generate-metadata.ts from connector/salesforce/snapshot/build.ts',
    '// (product mapping preset). Do not edit: change the connector, then run',
    '// `npx tsx salesforce/scripts/generate-metadata.ts`.',
    '/**',
    ' * The snapshot SOQL of the REST connector, with bind variables instead of literals, for',
    ' * CollectionsController. Constants only: no query text is ever built from input.',
    ' */',
    'public with sharing class CollectionsSnapshotQueries {',
    '    /** mapping.activity.lookbackDays: Tasks newer than this many days are loaded. */',
    `    public static final Integer ACTIVITY_LOOKBACK_DAYS = ${mapping.activity.lookbackDays};`,
    '    /** Invoice and payment history window, in days. */',
    `    public static final Integer HISTORY_LOOKBACK_DAYS = ${HISTORY_LOOKBACK_DAYS};`,
    "    /** A contact's own Tasks newer than this many days are loaded (the longest compliance window + slack). */",
    `    public static final Integer COMPLIANCE_LOOKBACK_DAYS = ${COMPLIANCE_LOOKBACK_DAYS};`,
    '',
    '    /** The ctx subrequest per record-page object (bind :recordId); returns Id or AccountId. */',
    '    public static final Map<String, String> CONTEXT_QUERIES = new Map<String, String>{',
    ...Object.entries(ctx).map(([object, soql], i, all) => `        ${apexString(object)} => ${apexString(soql)}${i < all.length - 1 ? ',' : ''}`),
    '    };',
    '',
    '    /** Composite referenceIds of the account sections, in request order. */',
    `    public static final List<String> SECTION_ORDER = new List<String>{ ${sections.map((s) => apexString(s.referenceId)).join(', ')} };`,
    '',
    '    /** Section SOQL (binds :accountId, :activitySince, :complianceSince, :historySince). */',
    '    public static final Map<String, String> SECTION_QUERIES = new Map<String, String>{',
    ...sections.map((s, i) => `        ${apexString(s.referenceId)} => ${apexString(s.soql)}${i < sections.length - 1 ? ',' : ''}`),
    '    };',
    '}',
    '',
  ];
  return lines.join('\n');
}

/** The `-meta.xml` beside every Apex class we ship. */
export function renderApexClassMeta(apiVersion = '66.0'): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
    `    <apiVersion>${apiVersion}</apiVersion>\n` +
    '    <status>Active</status>\n' +
    '</ApexClass>\n'
  );
}
