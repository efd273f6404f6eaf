/**
 * The `collectionsPanel` static resource, what the record page loads on open: an IIFE loaded by the
 * LWC with `loadScript`. It sets
 * - `window.CollectionsPanel`: the widget's mount API (`mount(el, { recordId, port, locale, userTimeZone })`
 *   → handle; the LWC passes the user's Salesforce locale and time zone);
 * - `window.CollectionsLds`: the read side of the LWC's Apex port: the connector mapping
 *   (`mapSnapshot`), the error mapping (`toConnectorError`) and the port's write methods
 *   (`writeMethods`), so the LWC keeps no copy of the port's method list;
 * - `window.CollectionsPanelShared`: the instances the second static resource `collectionsPanelForms`
 *   (forms-entry.ts, loaded by the LWC on idle after first paint or on first use) shares with this one:
 *   Preact, its hooks and the panel's contexts for the forms; the connector's error classes and this
 *   resource's Apex read functions for the write path (decision 0026: writes load after paint).
 * Assigned on `window` explicitly: Lightning Web Security gives libraries a virtual window and
 * Locker requires library globals to be attached to it.
 */
import * as preact from 'preact';
import * as hooks from 'preact/hooks';
import * as context from '../../widget/src/state/context';
import * as errors from '../../connector/errors';
import * as domainErrors from '../../connector/domain/errors';
import { mount, unmount, update } from '../../widget/src/mount';
import { PANEL_FINGERPRINT, PANEL_VERSION } from '../../widget/src/version';
import * as picklists from '../../connector/salesforce/picklists';
import * as lds from './lds-adapter';

const host = window as unknown as Record<string, unknown>;
host.CollectionsPanel = { mount, update, unmount, version: PANEL_VERSION, fingerprint: PANEL_FINGERPRINT };
host.CollectionsLds = { mapSnapshot: lds.mapApexSnapshot, toConnectorError: lds.toConnectorError, writeMethods: lds.WRITE_METHODS };
// The instances the second resource, collectionsPanelForms (forms-entry.ts), shares: one Preact, one set of
// hooks and the panel's contexts, so its forms render inside this panel's tree (decision 0018); one
// ConnectorError and DomainValidationError class and this resource's Apex mapping, so its writer's errors
// are the panel's and its checks map a fresh snapshot with the same code (decision 0026).
host.CollectionsPanelShared = { preact, hooks, context, errors, domainErrors, lds, picklists };
