import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/ldsUtils';

/**
 * The one error view of the Salesforce host: a friendly message plus the platform's own error
 * text (reduced with `reduceErrors`), rendered as text — never as HTML.
 */
export default class ErrorPanel extends LightningElement {
    /** Headline for the collector. */
    @api friendlyMessage = 'The collections panel could not load.';
    /** Any LDS/Apex/JS error or an array of them. */
    @api errors;

    get messages() {
        return reduceErrors(this.errors).map((text, index) => ({ key: `${index}`, text }));
    }

    get hasMessages() {
        return this.messages.length > 0;
    }
}
