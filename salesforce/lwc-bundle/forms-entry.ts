/**
 * The `collectionsPanelForms` static resource (decisions 0018, 0026), loaded by the LWC after the panel
 * has painted (on idle, on first use of a form, or on the first write):
 * - `window.CollectionsPanelForms`: the panel's action forms, the plan/dispute lists and the timeline
 *   (widget/src/forms/index.ts; forms-resource.ts is how the panel asks for them);
 * - `window.CollectionsLdsAfterPaint`: the connector code the LWC port and panel need only after paint:
 *   the writer (`createWriter`: planned by the connector's builders, lds-writes.ts, sent once per key by
 *   the connector's write-once layer, lightning-writer.ts), the owner's answer to a dispute
 *   (`answerDispute(call, input)`, dispute-answer-apex.ts: the disputes tab's own call) and the snapshot's
 *   derived parts (derived-after-paint.ts): `withDerivedData` (contact rules, priority, calendar, next action;
 *   connector/snapshot-derived.ts), the holiday table (`defaultHolidaySource`), the compliance engine
 *   (`checkContactWithRules`) and the priority gate (`withComplianceGate`) the panel's badge and priority call.
 * Shared, not bundled here (salesforce/scripts/build-static-resource.mjs maps them to
 * `window.CollectionsPanelShared`, set by the `collectionsPanel` resource): `preact`, `preact/hooks` and
 * the panel's contexts (one Preact tree), the connector's error classes (one ConnectorError), the
 * panel's Apex mapping (lds-adapter.ts, snapshot/map.ts) and picklists.
 * Assigned on `window` explicitly, as entry.ts does (Lightning Web Security's virtual window).
 */
import * as forms from '../../widget/src/forms/index';
import { withDerivedData } from '../../connector/snapshot-derived';
import { defaultHolidaySource } from '../../connector/holidays/default-source';
import { checkContactWithRules } from '../../connector/domain/compliance/engine';
import { withComplianceGate } from '../../connector/domain/priority';
import type { DerivedAfterPaint } from './derived-after-paint';
import { createLightningWriter } from './lightning-writer';
import { answerDisputeThroughApex } from './dispute-answer-apex';

const host = window as unknown as Record<string, unknown>;
host.CollectionsPanelForms = forms;
const derived: DerivedAfterPaint = { withDerivedData, defaultHolidaySource, checkContactWithRules, withComplianceGate };
host.CollectionsLdsAfterPaint = { createWriter: createLightningWriter, answerDispute: answerDisputeThroughApex, ...derived };
