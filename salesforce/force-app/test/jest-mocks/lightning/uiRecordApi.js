// Test double for lightning/uiRecordApi: wire adapters are emit()-able test adapters, DML functions are jest.fn().
import { createLdsTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const getRecord = createLdsTestWireAdapter(jest.fn());
export const getRecords = createLdsTestWireAdapter(jest.fn());
export const createRecord = jest.fn();
export const updateRecord = jest.fn();
export const deleteRecord = jest.fn();
export const notifyRecordUpdateAvailable = jest.fn().mockResolvedValue();
export const getFieldValue = jest.fn((record, field) => {
    const name = typeof field === 'string' ? field.split('.').pop() : field.fieldApiName;
    return record && record.fields && record.fields[name] ? record.fields[name].value : undefined;
});
