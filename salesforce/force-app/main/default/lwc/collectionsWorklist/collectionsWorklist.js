import { NavigationMixin } from 'lightning/navigation';
import { WidgetTab } from 'c/widgetTab';
import COLLECTIONS_WORKLIST from '@salesforce/resourceUrl/collectionsWorklist';
import USER_ID from '@salesforce/user/Id';
import USER_LOCALE from '@salesforce/i18n/locale';
import USER_TIME_ZONE from '@salesforce/i18n/timeZone';
import getPortfolioRows from '@salesforce/apex/CollectionsPortfolioController.getPortfolioRows';
import getOrgCurrencies from '@salesforce/apex/CollectionsPortfolioController.getOrgCurrencies';

/**
 * The Collections_Worklist Lightning tab: hosts the worklist widget ("My day") for the signed-in
 * collector. The widget ships as the static resource `collectionsWorklist` (window.CollectionsWorklist),
 * loaded with loadScript and mounted into an lwc:dom="manual" element. Its portfolio pass reads
 * through Apex (CollectionsPortfolioController), never REST; opening a row navigates to the
 * account's Lightning record page, where the collections panel is.
 */
export default class CollectionsWorklist extends NavigationMixin(WidgetTab) {
    widget() {
        return {
            resourceUrl: COLLECTIONS_WORKLIST,
            resourceName: 'collectionsWorklist',
            label: 'worklist',
            globalName: 'CollectionsWorklist',
            target: this.template.querySelector('div.worklist'),
            options: {
                call: (method, params) => (method === 'getPortfolioRows' ? getPortfolioRows(params) : getOrgCurrencies()),
                collectorId: USER_ID,
                onOpen: (accountId) => this.openAccount(accountId),
                locale: USER_LOCALE,
                userTimeZone: USER_TIME_ZONE
            }
        };
    }

    openAccount(accountId) {
        this[NavigationMixin.Navigate]({
            type: 'standard__recordPage',
            attributes: { recordId: accountId, objectApiName: 'Account', actionName: 'view' }
        });
    }
}
