/**
 * The CollectionsPort for the Lightning host. Component JS may not call the Salesforce REST API
 * ("sessions created by Lightning components aren't enabled for API access"), so:
 * - reads go through Apex `CollectionsController.getSnapshot` (the connector's snapshot SOQL, run
 *   in user mode) and are mapped by the CONNECTOR's mapping function from the bundle
 *   (`window.CollectionsLds.mapSnapshot`), never by a second copy here;
 * - writes go through the bundle's writer (`CollectionsLdsAfterPaint.createWriter`, salesforce/lwc-bundle/
 *   lightning-writer.ts): planned by the connector's write builders, sent once per key by the
 *   connector's write-once layer; plain updates through Lightning Data Service `updateRecord`,
 *   everything keyed through Apex `save` (LDS can neither write under a unique key with a
 *   receipt nor write several records in one transaction). The write path is not part of what the
 *   page loads on open (decision 0026): it comes with the forms resource, after paint, and a write
 *   made before that resource is in waits for it (`hooks.loadWrites`).
 */
import getSnapshot from '@salesforce/apex/CollectionsController.getSnapshot';
import getFreshSnapshot from '@salesforce/apex/CollectionsController.getFreshSnapshot';
import save from '@salesforce/apex/CollectionsController.save';
import answerDisputeApex from '@salesforce/apex/CollectionsDisputesController.answerDispute';
import { updateRecord } from 'lightning/uiRecordApi';
import USER_TIME_ZONE from '@salesforce/i18n/timeZone';

/**
 * @param {object} lds `window.CollectionsLds` from the static resource: `mapSnapshot(json, ref)`,
 *   `toConnectorError(error)`, `writeMethods` (the port's write methods).
 * @param {{ loadWrites: () => Promise<object>, onError?: (error: unknown) => void, onSuccess?: () => void }} hooks
 *   `loadWrites` resolves `window.CollectionsLdsAfterPaint` of the forms resource once it is loaded:
 *   `createWriter({ getFreshSnapshot, save, updateRecord }, { timeZone })` → `write(method, input)` and
 *   `answerDispute(call, input)` (the owner's answer through Apex, the disputes tab's call:
 *   salesforce/lwc-bundle/dispute-answer-apex.ts); host callbacks, so platform errors also reach the host's
 *   one error view.
 * @returns {object} an object implementing every CollectionsPort method, and `answerDispute` (issue 19).
 */
export function createLightningPort(lds, hooks) {
    // The cacheable Apex read is served from the client cache; after our own write it would be
    // stale, so the next read goes to the server once.
    let cacheIsStale = false;

    // Read failures leave the panel without data, so the host shows them in its error view too;
    // write failures stay in the widget's form, which keeps the collector's input.
    const fail = (error, { reportToHost }) => {
        if (reportToHost && hooks.onError) {
            hooks.onError(error);
        }
        return lds.toConnectorError(error);
    };

    async function loadSnapshot(ref) {
        let json;
        try {
            json = cacheIsStale
                ? await getFreshSnapshot({ recordId: ref.id })
                : await getSnapshot({ recordId: ref.id });
        } catch (error) {
            throw fail(error, { reportToHost: true });
        }
        cacheIsStale = false;
        const snapshot = lds.mapSnapshot(json, ref);
        if (hooks.onSuccess) {
            hooks.onSuccess();
        }
        return snapshot;
    }

    // Writes go through the bundle's writer: the connector's builders plan them, and the ONE
    // write-once layer (connector/writes/write-once.ts) decides when to send and when to look a key
    // up; this file only hands it the platform functions (Apex save, fresh snapshot, LDS update).
    // Made on the first write, once the forms resource (which carries it) is in.
    let writer = null;
    async function writeRecord(method, input) {
        if (!writer) {
            const writes = await hooks.loadWrites();
            writer = writer || writes.createWriter({ getFreshSnapshot, save, updateRecord }, { timeZone: USER_TIME_ZONE });
        }
        return writer(method, input);
    }

    async function write(method, input) {
        try {
            const result = await writeRecord(method, input);
            cacheIsStale = true;
            return result;
        } catch (error) {
            throw fail(error, { reportToHost: false });
        }
    }

    const port = {
        loadSnapshot,
        async listContacts(accountId) {
            const snapshot = await loadSnapshot({ id: accountId, objectType: 'account' });
            return snapshot.contacts;
        }
    };
    lds.writeMethods.forEach((method) => {
        port[method] = (input) => write(method, input);
    });
    // The owner's answer on a dispute row they own (the panel shows it for the signed-in owner): the
    // bundle checks it with the connector's rules and calls Apex answerDispute, written once per key.
    port.answerDispute = async (input) => {
        try {
            const writes = await hooks.loadWrites();
            const result = await writes.answerDispute((method, params) => answerDisputeApex(params), input);
            cacheIsStale = true;
            return result;
        } catch (error) {
            throw fail(error, { reportToHost: false });
        }
    };
    return port;
}
