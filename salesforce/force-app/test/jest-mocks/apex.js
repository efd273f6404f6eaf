// Test double for the `@salesforce/apex` module (refreshApex, getSObjectValue), as in lwc-recipes.
// Individual Apex methods (`@salesforce/apex/Class.method`) are mocked per test with
// jest.mock(..., { virtual: true }).
export const refreshApex = jest.fn().mockResolvedValue();
export const getSObjectValue = jest.fn((record, field) => {
    const name = typeof field === 'string' ? field.split('.').pop() : field.fieldApiName;
    return record ? record[name] : undefined;
});
