import { WidgetTab } from 'c/widgetTab';
import COLLECTIONS_REPORTS from '@salesforce/resourceUrl/collectionsReports';
import USER_LOCALE from '@salesforce/i18n/locale';
import getPortfolioRows from '@salesforce/apex/CollectionsPortfolioController.getPortfolioRows';
import getOrgCurrencies from '@salesforce/apex/CollectionsPortfolioController.getOrgCurrencies';

/**
 * The Collections_Reports Lightning tab: hosts the management reports view. The static resource
 * `collectionsReports` (window.CollectionsReports) runs the connector's report pass through Apex
 * (CollectionsPortfolioController), never REST, and mounts the charts and tables.
 */
export default class CollectionsReports extends WidgetTab {
    widget() {
        return {
            resourceUrl: COLLECTIONS_REPORTS,
            resourceName: 'collectionsReports',
            label: 'reports',
            globalName: 'CollectionsReports',
            target: this.template.querySelector('div.reports'),
            options: {
                call: (method, params) => (method === 'getPortfolioRows' ? getPortfolioRows(params) : getOrgCurrencies()),
                locale: USER_LOCALE
            }
        };
    }
}
