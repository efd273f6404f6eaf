/**
 * The `collectionsPanel` static resource: an IIFE loaded by the LWC with `loadScript`. It sets
 * - `window.CollectionsPanel`: the widget's mount API (`mount(el, { recordId, port, locale, userTimeZone })`
 *   → handle; the LWC passes the user's Salesforce locale and time zone);
 * - `window.CollectionsLds`: the connector mapping the LWC's Apex/LDS port calls, its writer (planned
 *   by the connector's builders, sent once per key by the connector's write-once layer) and the
 *   port's write methods (`writeMethods`), so the LWC keeps no copy of the port's method list.
 * Assigned on `window` explicitly: Lightning Web Security gives libraries a virtual window and
 * Locker requires library globals to be attached to it.
 */
import { mount, unmount, update } from '../../widget/src/mount';
import { PANEL_FINGERPRINT, PANEL_VERSION } from '../../widget/src/version';
import { mapApexSnapshot, toConnectorError, WRITE_METHODS } from './lds-adapter';
import { createLightningWriter } from './lightning-writer';

const host = window as unknown as Record<string, unknown>;
host.CollectionsPanel = { mount, update, unmount, version: PANEL_VERSION, fingerprint: PANEL_FINGERPRINT };
host.CollectionsLds = { mapSnapshot: mapApexSnapshot, createWriter: createLightningWriter, toConnectorError, writeMethods: WRITE_METHODS };
