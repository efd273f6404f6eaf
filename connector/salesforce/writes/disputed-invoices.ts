/**
 * The invoices a dispute names, read the way the snapshot reads them (same mapper, same currency
 * fallback), so the port can check each line against its invoice's balance and currency before it
 * sends the dispute. One query; a second for the account's currency only when invoices carry none.
 */
import type { CallOptions } from '../../port';
import type { Invoice } from '../../domain/model';
import type { SalesforceClient } from '../client';
import { mappedFields } from '../mapping/schema';
import type { MappingConfig } from '../mapping/schema';
import { createRecordMapper } from '../snapshot/map';
import { select, soqlId, soqlIdList } from '../soql';

export async function disputedInvoices(client: SalesforceClient, mapping: MappingConfig, accountId: string, invoiceIds: readonly string[], call?: CallOptions): Promise<Invoice[]> {
  const inv = mapping.invoice;
  const rows = (await client.query(select({
    fields: ['Id', ...mappedFields(inv.fields)],
    from: inv.object,
    where: [`${inv.accountField} = ${soqlId(accountId)}`, `Id IN ${soqlIdList([...new Set(invoiceIds)])}`],
  }), call)).records;
  let accountCurrency = mapping.defaultCurrency;
  const accountCurrencyField = mapping.account.fields.currency;
  if (!inv.fields.currency && accountCurrencyField) {
    const value = (await client.query(select({ fields: [accountCurrencyField], from: 'Account', where: [`Id = ${soqlId(accountId)}`] }), call)).records[0]?.[accountCurrencyField];
    accountCurrency = typeof value === 'string' && value !== '' ? value : accountCurrency;
  }
  const mapper = createRecordMapper(mapping);
  return rows.map((row) => mapper.invoice(row, accountCurrency)).filter((invoice): invoice is Invoice => invoice !== null);
}
