import { reduceErrors } from 'c/ldsUtils';

const GET_RECORD_ERROR = require('./data/getRecordError.json');
const APEX_PAGE_ERRORS = require('./data/apexPageErrors.json');
const APEX_ERROR = require('../../collectionsPanel/__tests__/data/apexError.json');
const LDS_UPDATE_ERROR = require('../../collectionsPanel/__tests__/data/ldsUpdateError.json');

describe('reduceErrors', () => {
    it('reads UI API read errors (body is an array)', () => {
        expect(reduceErrors(GET_RECORD_ERROR)).toEqual(['The requested resource does not exist']);
    });

    it('reads Apex exceptions (body.message)', () => {
        expect(reduceErrors(APEX_ERROR)).toEqual(['Insufficient permissions: secure query included inaccessible field']);
    });

    it('reads UI API DML field errors (body.output.fieldErrors) instead of the generic message', () => {
        expect(reduceErrors(LDS_UPDATE_ERROR)).toEqual(['Dispute Status: bad value for restricted picklist field: Reopened']);
    });

    it('reads page and field errors of Apex DML', () => {
        expect(reduceErrors(APEX_PAGE_ERRORS)).toEqual([
            'Promised date must be within 30 days',
            'Amount: value outside of valid range on numeric field'
        ]);
    });

    it('flattens arrays of mixed errors and skips empties', () => {
        expect(reduceErrors([new Error('Script failed'), 'plain text', null, undefined, { body: { message: '' } }])).toEqual([
            'Script failed',
            'plain text',
            'Unknown error'
        ]);
    });

    it('returns an empty list for no error', () => {
        expect(reduceErrors(undefined)).toEqual([]);
        expect(reduceErrors([])).toEqual([]);
    });
});
