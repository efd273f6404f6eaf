import { WidgetTab } from 'c/widgetTab';
import COLLECTIONS_DISPUTES from '@salesforce/resourceUrl/collectionsDisputes';
import USER_ID from '@salesforce/user/Id';
import USER_LOCALE from '@salesforce/i18n/locale';
import USER_TIME_ZONE from '@salesforce/i18n/timeZone';
import getOwnerDisputes from '@salesforce/apex/CollectionsDisputesController.getOwnerDisputes';
import answerDispute from '@salesforce/apex/CollectionsDisputesController.answerDispute';

/**
 * The Collections_Disputes Lightning tab ("Disputes waiting for me", issue 19): hosts the disputes
 * widget for the signed-in sales owner. The widget ships as the static resource `collectionsDisputes`
 * (window.CollectionsDisputes), loaded with loadScript and mounted into an lwc:dom="manual" element.
 * It reads and answers through Apex (CollectionsDisputesController: the list is always the signed-in
 * user's, the answer is written once per key), never REST.
 */
export default class CollectionsDisputes extends WidgetTab {
    widget() {
        return {
            resourceUrl: COLLECTIONS_DISPUTES,
            resourceName: 'collectionsDisputes',
            label: 'disputes',
            globalName: 'CollectionsDisputes',
            target: this.template.querySelector('div.disputes'),
            options: {
                call: (method, params) => (method === 'answerDispute' ? answerDispute(params) : getOwnerDisputes()),
                userId: USER_ID,
                locale: USER_LOCALE,
                userTimeZone: USER_TIME_ZONE
            }
        };
    }
}
