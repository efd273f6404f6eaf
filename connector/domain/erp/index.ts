/** ERP receivables import rules (collections import): pure parsing, validation and reconciliation. */
export { ERP_DATE_FORMATS, parseErpDate } from './dates';
export type { ErpDateFormat } from './dates';
export { canonicalDecimal, numberCellText, parseErpAmount } from './numbers';
export type { DecimalMark } from './numbers';
export { ERP_FORMATS, FIELD_LABELS, ORACLE_AR_AGING, foldHeader, isHeaderRow, locateColumns, sapLayout } from './layouts';
export type { ErpField, ErpFormat, ErpLayout, LocatedColumns } from './layouts';
export { MAPPABLE_FIELDS, MappingError, mappingLayout, parseMapping } from './mapping';
export type { ErpMapping, MappableField } from './mapping';
export { MAX_EXTERNAL_ID_LENGTH, isBlankRow, mappedItem, normaliseCustomerNumber, oracleItem, sapItem } from './items';
export type { ErpCell, ErpInvoice, ErpItem, ErpMoney, ErpRow, InvoiceStatus, ItemResult, MoneyKind } from './items';
export { Reconciliation, invoiceFingerprint, itemFingerprint, moneyFingerprint } from './reconcile';
export type { Classification, InvoiceValues, MoneyValues, Outcome, ReconciliationCounts } from './reconcile';
