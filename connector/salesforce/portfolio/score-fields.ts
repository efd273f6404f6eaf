/** Account fields the portfolio pass stores its score in (product schema, package metadata). */
import { productField } from '../mapping/presets';

export const PRIORITY_SCORE_FIELD = productField('Account', 'Collections_Priority_Score__c');
export const PRIORITY_SCORED_AT_FIELD = productField('Account', 'Collections_Priority_Scored_At__c');
