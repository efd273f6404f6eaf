import { LightningElement, api } from 'lwc';

/**
 * "Selling to a customer who is behind" (issue 19, decision 0025): a compact bar on the Opportunity
 * record page for the rep. Collapsed it is one button and nothing else: no static resource, no Apex,
 * no wire, so it costs no request on every opportunity a rep opens. Opened, it is the account's
 * collections panel (c-collections-panel on this record, which Apex resolves to its account) in its
 * "Before you sell" view: overdue amount and days, open disputes, broken promises, credit use and the
 * policy's credit-hold suggestion with its reasons. Not on Quote pages: that object exists only where
 * Quotes are enabled, and a target on it would fail the package deploy elsewhere (the extension docks there).
 */
export default class CollectionsCustomerCheck extends LightningElement {
    /** Set by the record page. */
    @api recordId;
    @api objectApiName;

    expanded = false;

    get ariaExpanded() {
        return String(this.expanded);
    }

    get toggleLabel() {
        return this.expanded ? 'Hide the collections check' : 'Collections: check this customer before selling more';
    }

    toggle() {
        this.expanded = !this.expanded;
    }
}
