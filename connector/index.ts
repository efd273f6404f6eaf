/**
 * CRM-neutral barrel: the port contract and its errors, for hosts (widget, extension, LWC) that must
 * not depend on any one CRM adapter. Adapters live in their own folders (`./salesforce`).
 */
export * from './port';
export * from './errors';
