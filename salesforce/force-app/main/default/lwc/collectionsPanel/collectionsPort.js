/**
 * The CollectionsPort for the Lightning host. Component JS may not call the Salesforce REST API
 * ("sessions created by Lightning components aren't enabled for API access"), so:
 * - reads go through Apex `CollectionsController.getSnapshot` (the connector's snapshot SOQL, run
 *   in user mode) and are mapped by the CONNECTOR's mapping function from the bundle
 *   (`window.CollectionsLds.mapSnapshot`), never by a second copy here;
 * - writes are planned by the connector's write builders (`CollectionsLds.planWrite`): plain
 *   updates go through Lightning Data Service `updateRecord`; idempotent upserts, Task
 *   create-once, ContentNote and plan + instalments (atomic) go through Apex `save`, because LDS
 *   can neither upsert on an external id nor write several records in one transaction.
 */
import getSnapshot from '@salesforce/apex/CollectionsController.getSnapshot';
import getFreshSnapshot from '@salesforce/apex/CollectionsController.getFreshSnapshot';
import save from '@salesforce/apex/CollectionsController.save';
import { updateRecord } from 'lightning/uiRecordApi';
import USER_TIME_ZONE from '@salesforce/i18n/timeZone';

/**
 * @param {object} lds `window.CollectionsLds` from the static resource: `mapSnapshot(json, ref)`,
 *   `planWrite(method, input, { timeZone })`, `findSavedRecord(snapshotJson, check)`,
 *   `checkDisputeLines(snapshotJson, input)`,
 *   `toConnectorError(error)`, `writeMethods` (the port's write methods).
 * @param {{ onError?: (error: unknown) => void, onSuccess?: () => void }} [hooks] host callbacks,
 *   so platform errors also reach the host's one error view.
 * @returns {object} an object implementing every CollectionsPort method.
 */
export function createLightningPort(lds, hooks = {}) {
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

    async function write(method, input) {
        // Builds (and validates) the write with the connector's builders before anything is sent.
        // The user's Salesforce time zone decides the calendar day of a call or a promise.
        const plan = lds.planWrite(method, input, { timeZone: USER_TIME_ZONE });
        try {
            if (plan.via === 'lds-update') {
                const record = await updateRecord(plan.recordInput);
                cacheIsStale = true;
                return { id: record.id, created: false };
            }
            if (plan.checkDisputeLines) {
                // Each line within its invoice's balance and in its currency, as the server has them now.
                lds.checkDisputeLines(await getFreshSnapshot({ recordId: plan.checkDisputeLines.accountId }), plan.checkDisputeLines);
            }
            if (plan.skipIfSaved) {
                // A retried plan save (same idempotency key) after a lost answer: if the first attempt
                // committed, answer with that plan instead of writing its instalments again.
                const fresh = await getFreshSnapshot({ recordId: plan.skipIfSaved.recordId });
                const savedId = lds.findSavedRecord(fresh, plan.skipIfSaved);
                if (savedId) {
                    cacheIsStale = true;
                    return { id: savedId, created: false };
                }
            }
            const result = await save({ requestJson: plan.requestJson });
            cacheIsStale = true;
            return { id: result.id, created: result.created };
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
    return port;
}
