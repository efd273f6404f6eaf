/**
 * The `collectionsPanel` static resource: an IIFE loaded by the LWC with `loadScript`. It sets
 * - `window.CollectionsPanel`: the widget's mount API (`mount(el, { recordId, port, locale, userTimeZone })`
 *   → handle; the LWC passes the user's Salesforce locale and time zone);
 * - `window.CollectionsLds`: the connector mapping the LWC's Apex/LDS port calls, its writer (planned
 *   by the connector's builders, sent once per key by the connector's write-once layer) and the
 *   port's write methods (`writeMethods`), so the LWC keeps no copy of the port's method list, and the
 *   owner's answer to a dispute (`answerDispute(call, input)`, disputes-apex.ts: the disputes tab's own call);
 * - `window.CollectionsPanelShared`: Preact, its hooks and the panel's contexts, for the second static
 *   resource `collectionsPanelForms` (forms-entry.ts), which the LWC loads on first use or idle.
 * Assigned on `window` explicitly: Lightning Web Security gives libraries a virtual window and
 * Locker requires library globals to be attached to it.
 */
import * as preact from 'preact';
import * as hooks from 'preact/hooks';
import * as context from '../../widget/src/state/context';
import { mount, unmount, update } from '../../widget/src/mount';
import { PANEL_FINGERPRINT, PANEL_VERSION } from '../../widget/src/version';
import { mapApexSnapshot, toConnectorError, WRITE_METHODS } from './lds-adapter';
import { createLightningWriter } from './lightning-writer';
import { answerDisputeThroughApex } from './disputes-apex';

const host = window as unknown as Record<string, unknown>;
host.CollectionsPanel = { mount, update, unmount, version: PANEL_VERSION, fingerprint: PANEL_FINGERPRINT };
// answerDispute(call, input): the owner's answer on a dispute row, through Apex as the disputes tab answers (issue 19).
host.CollectionsLds = { mapSnapshot: mapApexSnapshot, createWriter: createLightningWriter, toConnectorError, writeMethods: WRITE_METHODS, answerDispute: answerDisputeThroughApex };
// The instances the second resource, collectionsPanelForms (forms-entry.ts), shares: one Preact, one set of
// hooks and the panel's contexts, so its forms render inside this panel's tree (decision 0018).
host.CollectionsPanelShared = { preact, hooks, context };
