import { beforeAll, describe, expect, it } from 'vitest';
import { SalesforceApiError } from '../errors';
import { makeId } from '../ids';
import { importRecords } from '../import';
import { Store } from '../store';
import { executeSoql } from './evaluate';
import type { ResultRecord } from './evaluate';

const TODAY = '2026-11-20';
const id = (prefix: string, n: number): string => makeId(prefix, n);
const IDS = {
  owner: id('005', 1),
  manager: id('005', 2),
  acme: id('001', 1),
  zeta: id('001', 2),
  empty: id('001', 3),
  meera: id('003', 1),
  rahul: id('003', 2),
  inv: [id('a01', 1), id('a01', 2), id('a01', 3), id('a01', 4)],
  plan: id('a04', 1),
  inst: [id('a05', 1), id('a05', 2)],
  dispute: id('500', 1),
  line: id('a06', 1),
};

let store: Store;

beforeAll(() => {
  store = new Store();
  importRecords(store, {
    User: [
      { Id: IDS.manager, FirstName: 'Grace', LastName: 'Hopper', Username: 'grace@x.example' },
      { Id: IDS.owner, FirstName: 'Priya', LastName: 'Raman', Username: 'priya@x.example', ManagerId: IDS.manager },
    ],
    Account: [
      { Id: IDS.acme, Name: 'Acme Textiles', OwnerId: IDS.owner, CurrencyIsoCode: 'INR', Collections_Flags__c: 'Bankruptcy;Cease Communication', Key_Account__c: true, Credit_Limit__c: 500000 },
      { Id: IDS.zeta, Name: "Zeta O'Brien Ltd", OwnerId: IDS.owner, CurrencyIsoCode: 'GBP', Collections_Flags__c: 'Vulnerable' },
      { Id: IDS.empty, Name: 'acme lowercase', OwnerId: IDS.manager, CurrencyIsoCode: 'USD' },
    ],
    Contact: [
      { Id: IDS.meera, AccountId: IDS.acme, FirstName: 'Meera', LastName: 'Iyer', Email: 'meera@acme.example', DoNotCall: false },
      { Id: IDS.rahul, AccountId: IDS.acme, FirstName: 'Rahul', LastName: 'Nair', Email: null, DoNotCall: true },
    ],
    Collections_Invoice__c: [
      { Id: IDS.inv[0], Account__c: IDS.acme, Invoice_Number__c: 'INV-1', Invoice_Date__c: '2026-10-01', Due_Date__c: '2026-10-31', Total_Amount__c: 100, Balance__c: 100, Currency_Code__c: 'INR', Status__c: 'Open', CreatedDate: '2026-10-01T04:30:00.000+0000' },
      { Id: IDS.inv[1], Account__c: IDS.acme, Invoice_Number__c: 'INV-2', Invoice_Date__c: '2026-11-01', Due_Date__c: '2026-11-20', Total_Amount__c: 50.5, Balance__c: 0, Currency_Code__c: 'INR', Status__c: 'Paid', CreatedDate: '2026-11-01T04:30:00.000+0000' },
      { Id: IDS.inv[2], Account__c: IDS.acme, Invoice_Number__c: 'INV-3', Invoice_Date__c: '2026-11-10', Due_Date__c: null, Total_Amount__c: 70, Balance__c: 70, Currency_Code__c: 'INR', Status__c: 'Open', CreatedDate: '2026-11-10T04:30:00.000+0000' },
      { Id: IDS.inv[3], Account__c: IDS.zeta, Invoice_Number__c: 'INV-4', Invoice_Date__c: '2026-11-15', Due_Date__c: '2026-12-15', Total_Amount__c: 20, Balance__c: 20, Currency_Code__c: 'GBP', Status__c: 'Open', CreatedDate: '2026-11-15T04:30:00.000+0000' },
    ],
    Payment_Plan__c: [{ Id: IDS.plan, Account__c: IDS.acme, Status__c: 'Active', Frequency__c: 'Monthly', Total_Amount__c: 100, Currency_Code__c: 'INR', Start_Date__c: '2026-11-01' }],
    Plan_Instalment__c: [
      { Id: IDS.inst[0], Payment_Plan__c: IDS.plan, Sequence__c: 2, Due_Date__c: '2027-01-01', Amount__c: 50, Currency_Code__c: 'INR', Status__c: 'Scheduled' },
      { Id: IDS.inst[1], Payment_Plan__c: IDS.plan, Sequence__c: 1, Due_Date__c: '2026-12-01', Amount__c: 50, Currency_Code__c: 'INR', Status__c: 'Scheduled' },
    ],
    Case: [{ Id: IDS.dispute, AccountId: IDS.acme, ContactId: IDS.meera, OwnerId: IDS.owner, Type: 'Dispute', Status: 'Working', Subject: 'Pricing' }],
    Dispute_Line__c: [{ Id: IDS.line, Case__c: IDS.dispute, Invoice_Ref__c: IDS.inv[0], Amount__c: 30, Currency_Code__c: 'INR' }],
  });
});

const run = (soql: string): { totalSize: number; records: ResultRecord[] } => executeSoql(soql, { store, today: TODAY, apiVersion: '66.0' });
const names = (soql: string): unknown[] => run(soql).records.map((r) => r.Name ?? r.Invoice_Number__c);
const errorOf = (soql: string): SalesforceApiError => {
  try {
    run(soql);
  } catch (error) {
    expect(error).toBeInstanceOf(SalesforceApiError);
    return error as SalesforceApiError;
  }
  throw new Error(`expected ${soql} to fail`);
};

describe('SOQL evaluator', () => {
  it('projects fields in REST shape with attributes and canonical field names', () => {
    const { records, totalSize } = run(`SELECT id, NAME, currencyisocode FROM account WHERE Id = '${IDS.acme}'`);
    expect(totalSize).toBe(1);
    expect(records[0]).toEqual({
      attributes: { type: 'Account', url: `/services/data/v66.0/sobjects/Account/${IDS.acme}` },
      Id: IDS.acme,
      Name: 'Acme Textiles',
      CurrencyIsoCode: 'INR',
    });
  });

  it('accepts 15-char ids in WHERE', () => {
    expect(names(`SELECT Name FROM Account WHERE Id = '${IDS.acme.slice(0, 15)}'`)).toEqual(['Acme Textiles']);
  });

  it('follows parent relationships two and three levels deep, null when a hop is empty', () => {
    const { records } = run(`SELECT Invoice_Number__c, Account__r.Name, Account__r.Owner.Name, Account__r.Owner.Manager.Name, Account__r.Owner.Manager.Manager.Name FROM Collections_Invoice__c WHERE Invoice_Number__c = 'INV-1'`);
    expect(records[0]?.Account__r).toMatchObject({
      attributes: { type: 'Account' },
      Name: 'Acme Textiles',
      Owner: { attributes: { type: 'User' }, Name: 'Priya Raman', Manager: { attributes: { type: 'User' }, Name: 'Grace Hopper', Manager: null } },
    });
  });

  it('runs child subqueries with their own WHERE/ORDER BY/LIMIT, nested, and answers null for no rows', () => {
    const { records } = run(`SELECT Name,
      (SELECT Name FROM Contacts ORDER BY LastName DESC),
      (SELECT Invoice_Number__c FROM Collections_Invoices__r WHERE Balance__c > 0 ORDER BY Invoice_Number__c LIMIT 1),
      (SELECT Status__c, (SELECT Sequence__c FROM Instalments__r ORDER BY Sequence__c) FROM Payment_Plans__r),
      (SELECT Subject, (SELECT Amount__c FROM Dispute_Lines__r) FROM Cases WHERE Type = 'Dispute')
      FROM Account ORDER BY Name`);
    const acme = records.find((r) => r.Name === 'Acme Textiles') as Record<string, unknown>;
    expect((acme.Contacts as { records: ResultRecord[] }).records.map((r) => r.Name)).toEqual(['Rahul Nair', 'Meera Iyer']);
    expect(acme.Collections_Invoices__r).toMatchObject({ totalSize: 1, done: true, records: [{ Invoice_Number__c: 'INV-1' }] });
    const plans = acme.Payment_Plans__r as { records: Array<{ Instalments__r: { records: ResultRecord[] } }> };
    expect(plans.records[0]?.Instalments__r.records.map((r) => r.Sequence__c)).toEqual([1, 2]);
    expect((acme.Cases as { records: Array<{ Dispute_Lines__r: { records: ResultRecord[] } }> }).records[0]?.Dispute_Lines__r.records[0]?.Amount__c).toBe(30);
    const empty = records.find((r) => r.Name === 'acme lowercase') as Record<string, unknown>;
    expect(empty.Contacts).toBeNull();
    expect(empty.Payment_Plans__r).toBeNull();
  });

  it('evaluates AND/OR/NOT with parentheses', () => {
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE Account__c = '${IDS.acme}' AND (Status__c = 'Paid' OR Balance__c >= 100) ORDER BY Invoice_Number__c`)).toEqual(['INV-1', 'INV-2']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE (Status__c = 'Paid' OR Balance__c >= 100) AND Account__c = '${IDS.acme}' ORDER BY Invoice_Number__c`)).toEqual(['INV-1', 'INV-2']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE NOT (Status__c = 'Paid' OR Currency_Code__c = 'GBP') ORDER BY Invoice_Number__c`)).toEqual(['INV-1', 'INV-3']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE NOT Status__c = 'Open'`)).toEqual(['INV-2']);
  });

  it('compares numbers, strings (case-insensitively), booleans and nulls', () => {
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE Total_Amount__c < 50.5 ORDER BY Invoice_Number__c`)).toEqual(['INV-4']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE Total_Amount__c <= 50.5 ORDER BY Invoice_Number__c`)).toEqual(['INV-2', 'INV-4']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE Total_Amount__c > 70`)).toEqual(['INV-1']);
    expect(names(`SELECT Name FROM Account WHERE Name = 'ACME TEXTILES'`)).toEqual(['Acme Textiles']);
    expect(names(`SELECT Name FROM Account WHERE Name != 'Acme Textiles' ORDER BY Name`)).toEqual(['acme lowercase', "Zeta O'Brien Ltd"]);
    expect(names(`SELECT Name FROM Account WHERE Name = 'Zeta O\\'Brien Ltd'`)).toEqual(["Zeta O'Brien Ltd"]);
    expect(names(`SELECT Name FROM Account WHERE Key_Account__c = true`)).toEqual(['Acme Textiles']);
    expect(names(`SELECT Name FROM Contact WHERE DoNotCall = false`)).toEqual(['Meera Iyer']);
    expect(names(`SELECT Name FROM Contact WHERE Email = null`)).toEqual(['Rahul Nair']);
    expect(names(`SELECT Name FROM Contact WHERE Email != null`)).toEqual(['Meera Iyer']);
    // A comparison against a null value is false, not an error.
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE Due_Date__c < 2030-01-01 ORDER BY Invoice_Number__c`)).toEqual(['INV-1', 'INV-2', 'INV-4']);
  });

  it('supports IN, NOT IN (which excludes nulls), LIKE with % and _', () => {
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE Invoice_Number__c IN ('inv-1', 'INV-4') ORDER BY Invoice_Number__c`)).toEqual(['INV-1', 'INV-4']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE Status__c NOT IN ('Paid') ORDER BY Invoice_Number__c`)).toEqual(['INV-1', 'INV-3', 'INV-4']);
    expect(names(`SELECT Name FROM Contact WHERE Email NOT IN ('x@y.example')`)).toEqual(['Meera Iyer']);
    expect(names(`SELECT Name FROM Account WHERE Name LIKE 'acme%' ORDER BY Name`)).toEqual(['acme lowercase', 'Acme Textiles']);
    expect(names(`SELECT Name FROM Account WHERE Name LIKE '%o_brien%'`)).toEqual(["Zeta O'Brien Ltd"]);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE Invoice_Number__c LIKE 'INV-_'`)).toHaveLength(4);
    // `\'` is a quote, `\_` a literal underscore (an escape only LIKE knows), not any one character.
    expect(names(`SELECT Name FROM Account WHERE Name LIKE '%o\\'brien%'`)).toEqual(["Zeta O'Brien Ltd"]);
    expect(names(`SELECT Name FROM Account WHERE Name LIKE '%o\\_brien%'`)).toEqual([]);
  });

  it('supports INCLUDES/EXCLUDES on multi-select picklists (";" means AND inside one value)', () => {
    expect(names(`SELECT Name FROM Account WHERE Collections_Flags__c INCLUDES ('Bankruptcy')`)).toEqual(['Acme Textiles']);
    expect(names(`SELECT Name FROM Account WHERE Collections_Flags__c INCLUDES ('Bankruptcy;Vulnerable')`)).toEqual([]);
    expect(names(`SELECT Name FROM Account WHERE Collections_Flags__c INCLUDES ('Cease Communication;Bankruptcy', 'Vulnerable') ORDER BY Name`)).toEqual(['Acme Textiles', "Zeta O'Brien Ltd"]);
    expect(names(`SELECT Name FROM Account WHERE Collections_Flags__c EXCLUDES ('Bankruptcy') ORDER BY Name`)).toEqual(['acme lowercase', "Zeta O'Brien Ltd"]);
    expect(errorOf(`SELECT Name FROM Account WHERE Name INCLUDES ('x')`).errorCode).toBe('MALFORMED_QUERY');
  });

  it('evaluates date values, datetime values and date literals against the org today', () => {
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE Due_Date__c < TODAY ORDER BY Invoice_Number__c`)).toEqual(['INV-1']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE Due_Date__c = TODAY`)).toEqual(['INV-2']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE Due_Date__c <= TODAY ORDER BY Invoice_Number__c`)).toEqual(['INV-1', 'INV-2']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE Due_Date__c > TODAY`)).toEqual(['INV-4']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE Due_Date__c = LAST_N_DAYS:20 ORDER BY Invoice_Number__c`)).toEqual(['INV-1', 'INV-2']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE Due_Date__c = NEXT_N_DAYS:30`)).toEqual(['INV-4']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE Invoice_Date__c = THIS_MONTH ORDER BY Invoice_Number__c`)).toEqual(['INV-2', 'INV-3', 'INV-4']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE Invoice_Date__c = LAST_MONTH`)).toEqual(['INV-1']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE Invoice_Date__c >= 2026-11-10 ORDER BY Invoice_Number__c`)).toEqual(['INV-3', 'INV-4']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE CreatedDate >= 2026-11-10T04:30:00Z ORDER BY Invoice_Number__c`)).toEqual(['INV-3', 'INV-4']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE CreatedDate > 2026-11-10T10:00:00+05:30 ORDER BY Invoice_Number__c`)).toEqual(['INV-4']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE CreatedDate = YESTERDAY`)).toEqual([]);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE CreatedDate = LAST_N_DAYS:10 ORDER BY Invoice_Number__c`)).toEqual(['INV-3', 'INV-4']);
    expect(errorOf(`SELECT Id FROM Collections_Invoice__c WHERE Due_Date__c = 2026-11-20T00:00:00Z`).errorCode).toBe('MALFORMED_QUERY');
    expect(errorOf(`SELECT Id FROM Collections_Invoice__c WHERE Balance__c = '5'`).errorCode).toBe('MALFORMED_QUERY');
  });

  it('orders by several keys, ASC/DESC, NULLS FIRST/LAST (defaults like Salesforce), with LIMIT and OFFSET', () => {
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c ORDER BY Due_Date__c`)).toEqual(['INV-3', 'INV-1', 'INV-2', 'INV-4']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c ORDER BY Due_Date__c DESC`)).toEqual(['INV-4', 'INV-2', 'INV-1', 'INV-3']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c ORDER BY Due_Date__c ASC NULLS LAST`)).toEqual(['INV-1', 'INV-2', 'INV-4', 'INV-3']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c ORDER BY Due_Date__c DESC NULLS FIRST`)).toEqual(['INV-3', 'INV-4', 'INV-2', 'INV-1']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c ORDER BY Currency_Code__c DESC, Total_Amount__c ASC`)).toEqual(['INV-2', 'INV-3', 'INV-1', 'INV-4']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c ORDER BY Account__r.Name DESC, Invoice_Number__c LIMIT 2`)).toEqual(['INV-4', 'INV-1']);
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c ORDER BY Invoice_Number__c LIMIT 2 OFFSET 1`)).toEqual(['INV-2', 'INV-3']);
  });

  it('filters on parent fields and semi-joins', () => {
    expect(names(`SELECT Invoice_Number__c FROM Collections_Invoice__c WHERE Account__r.Owner.Name = 'Priya Raman' AND Account__r.CurrencyIsoCode = 'GBP'`)).toEqual(['INV-4']);
    expect(names(`SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE DoNotCall = true)`)).toEqual(['Acme Textiles']);
    expect(names(`SELECT Name FROM Account WHERE Id NOT IN (SELECT Account__c FROM Collections_Invoice__c) ORDER BY Name`)).toEqual(['acme lowercase']);
  });

  it('counts with COUNT() and aggregates without GROUP BY', () => {
    expect(run(`SELECT COUNT() FROM Collections_Invoice__c WHERE Balance__c > 0`)).toEqual({ totalSize: 3, done: true, records: [] });
    const { records } = run(`SELECT COUNT(Id), SUM(Balance__c) total, MAX(Due_Date__c), MIN(Total_Amount__c) FROM Collections_Invoice__c WHERE Account__c = '${IDS.acme}'`);
    expect(records[0]).toEqual({ attributes: { type: 'AggregateResult' }, expr0: 3, total: 170, expr1: '2026-11-20', expr2: 50.5 });
    // LIMIT limits result rows, not the rows aggregated; no match still gives one row.
    expect(run(`SELECT COUNT(Id) FROM Collections_Invoice__c LIMIT 1`).records[0]?.expr0).toBe(4);
    expect(run(`SELECT COUNT(Id) FROM Collections_Invoice__c WHERE Balance__c > 1000000`).records).toEqual([{ attributes: { type: 'AggregateResult' }, expr0: 0 }]);
  });

  it('groups by fields and parent fields, orders and limits the groups', () => {
    const { records, totalSize } = run(`SELECT Status__c, COUNT(Id) n, SUM(Balance__c) FROM Collections_Invoice__c GROUP BY Status__c ORDER BY Status__c DESC`);
    expect(totalSize).toBe(2);
    expect(records).toEqual([
      { attributes: { type: 'AggregateResult' }, Status__c: 'Paid', n: 1, expr0: 0 },
      { attributes: { type: 'AggregateResult' }, Status__c: 'Open', n: 3, expr0: 190 },
    ]);
    const byAccount = run(`SELECT Account__r.Name, Currency_Code__c, SUM(Balance__c) open FROM Collections_Invoice__c WHERE Balance__c > 0 GROUP BY Account__r.Name, Currency_Code__c ORDER BY Account__r.Name LIMIT 1`);
    expect(byAccount.records).toEqual([{ attributes: { type: 'AggregateResult' }, Name: 'Acme Textiles', Currency_Code__c: 'INR', open: 170 }]);
    expect(errorOf('SELECT Name, COUNT(Id) FROM Account GROUP BY CurrencyIsoCode').errorCode).toBe('MALFORMED_QUERY');
    expect(errorOf('SELECT CurrencyIsoCode, COUNT(Id) FROM Account GROUP BY CurrencyIsoCode HAVING COUNT(Id) > 1').errorCode).toBe('MALFORMED_QUERY');
    expect(errorOf('SELECT CurrencyIsoCode FROM Account GROUP BY CurrencyIsoCode ORDER BY Name').errorCode).toBe('MALFORMED_QUERY');
  });

  it('rejects unknown fields, objects and relationships with Salesforce error codes, and malformed SOQL', () => {
    expect(errorOf('SELECT Foo__c FROM Account').errorCode).toBe('INVALID_FIELD');
    expect(errorOf('SELECT Id FROM Account WHERE Foo = 1').errorCode).toBe('INVALID_FIELD');
    expect(errorOf('SELECT Nope__r.Name FROM Account').errorCode).toBe('INVALID_FIELD');
    expect(errorOf('SELECT Id FROM Nope__c').errorCode).toBe('INVALID_TYPE');
    expect(errorOf('SELECT Id, (SELECT Id FROM Nopes) FROM Account').errorCode).toBe('INVALID_TYPE');
    expect(errorOf('SELEC Id FROM Account')).toMatchObject({ errorCode: 'MALFORMED_QUERY', status: 400 });
    expect(errorOf("SELECT Id FROM Account WHERE Name = 'unterminated").errorCode).toBe('MALFORMED_QUERY');
    expect(errorOf("SELECT Id FROM Account WHERE Id = 'not-an-id'").errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
    expect(errorOf('SELECT Id FROM Account GROUP BY Name').errorCode).toBe('MALFORMED_QUERY');
    expect(errorOf('SELECT Id FROM ContentDocumentLink').errorCode).toBe('MALFORMED_QUERY');
    expect(errorOf(`SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId != '${IDS.acme}'`).errorCode).toBe('MALFORMED_QUERY');
    expect(run(`SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId IN (SELECT Id FROM Account)`).totalSize).toBe(0);
  });
});
