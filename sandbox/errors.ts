/** Errors the sandbox returns in Salesforce's REST shape: `[{ message, errorCode, fields? }]`. */

export interface SalesforceErrorBody {
  message: string;
  errorCode: string;
  fields?: string[];
}

/** Thrown anywhere in request handling; the router turns it into an HTTP response. */
export class SalesforceApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
    this.name = 'SalesforceApiError';
  }

  toBody(): SalesforceErrorBody[] {
    return [{ message: this.message, errorCode: this.errorCode, ...(this.fields ? { fields: this.fields } : {}) }];
  }
}

export const malformedQuery = (message: string): SalesforceApiError => new SalesforceApiError(400, 'MALFORMED_QUERY', message);
export const invalidField = (message: string, fields?: string[]): SalesforceApiError =>
  new SalesforceApiError(400, 'INVALID_FIELD', message, fields);
export const invalidType = (name: string): SalesforceApiError =>
  new SalesforceApiError(400, 'INVALID_TYPE', `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`);
export const notFound = (message = 'The requested resource does not exist'): SalesforceApiError =>
  new SalesforceApiError(404, 'NOT_FOUND', message);
