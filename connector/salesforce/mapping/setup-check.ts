/**
 * "Check my org": describe every mapped object and report EVERY missing object, field, child
 * relationship or permission in plain words (not just the first one).
 */
import type { DescribeSObjectResult, SalesforceClient } from '../client';
import { ConnectorError } from '../../errors';
import type { MappingConfig } from './schema';
import { mappedFields } from './schema';

export type Need = 'read' | 'create' | 'update';

export interface SetupProblem {
  object: string;
  field: string | null;
  message: string;
}

export interface SetupReport {
  ok: boolean;
  mapping: string;
  problems: SetupProblem[];
  /** Objects described. */
  checked: string[];
}

interface ObjectRequirement {
  object: string;
  fields: Set<string>;
  needs: Set<Need>;
  /** Child relationships that must exist on this object (for subqueries). */
  children: Set<string>;
  /** Fields that must be writable (create/update). */
  writeFields: Set<string>;
  /** Fields that must be external ids (upsert keys). */
  externalIds: Set<string>;
}

/** What the mapping needs from the org, per object. */
export function requirements(mapping: MappingConfig): ObjectRequirement[] {
  const byObject = new Map<string, ObjectRequirement>();
  const need = (object: string): ObjectRequirement => {
    let r = byObject.get(object);
    if (!r) {
      r = { object, fields: new Set(), needs: new Set(['read']), children: new Set(), writeFields: new Set(), externalIds: new Set() };
      byObject.set(object, r);
    }
    return r;
  };
  const account = need('Account');
  mappedFields(mapping.account.fields).forEach((f) => account.fields.add(f));
  account.children.add(mapping.contact.accountRelationship);
  account.children.add(mapping.activity.accountRelationship);
  const contact = need('Contact');
  mappedFields(mapping.contact.fields).forEach((f) => contact.fields.add(f));
  contact.fields.add('AccountId');

  const invoice = need(mapping.invoice.object);
  [mapping.invoice.accountField, ...mappedFields(mapping.invoice.fields)].forEach((f) => invoice.fields.add(f));
  if (mapping.payment) {
    const payment = need(mapping.payment.object);
    [mapping.payment.accountField, ...mappedFields(mapping.payment.fields)].forEach((f) => payment.fields.add(f));
  }
  const writable = (r: ObjectRequirement, fields: string[], key: string): void => {
    r.needs.add('create');
    r.needs.add('update');
    fields.forEach((f) => {
      r.fields.add(f);
      r.writeFields.add(f);
    });
    r.externalIds.add(key);
  };
  if (mapping.promise) {
    const p = mapping.promise;
    account.children.add(p.accountRelationship);
    writable(need(p.object), [p.accountField, ...mappedFields(p.fields)], p.fields.idempotencyKey);
  }
  if (mapping.plan) {
    const p = mapping.plan;
    account.children.add(p.accountRelationship);
    const plan = need(p.object);
    writable(plan, [p.accountField, ...mappedFields(p.fields)], p.fields.idempotencyKey);
    plan.children.add(p.instalment.planRelationship);
    writable(need(p.instalment.object), [p.instalment.planField, ...mappedFields(p.instalment.fields)], p.instalment.fields.idempotencyKey);
  }
  if (mapping.settlement) {
    const s = mapping.settlement;
    account.children.add(s.accountRelationship);
    writable(need(s.object), [s.accountField, ...mappedFields(s.fields)], s.fields.idempotencyKey);
  }
  if (mapping.dispute) {
    const d = mapping.dispute;
    account.children.add(d.accountRelationship);
    const kase = need('Case');
    writable(kase, ['AccountId', 'ContactId', 'OwnerId', 'Subject', 'Description', 'Type', ...mappedFields(d.fields)], d.fields.idempotencyKey);
    kase.fields.add('CaseNumber');
    kase.children.add(d.line.caseRelationship);
    writable(need(d.line.object), [d.line.caseField, ...mappedFields(d.line.fields)], d.line.fields.idempotencyKey);
  }
  const task = need('Task');
  task.needs.add('create');
  ['Subject', 'Description', 'ActivityDate', 'Status', 'WhoId', 'WhatId', 'TaskSubtype', 'CallType', 'CallDisposition', 'CallDurationInSeconds',
    ...mappedFields(mapping.activity.fields)].forEach((f) => {
    task.fields.add(f);
    task.writeFields.add(f);
  });
  if (mapping.notes) {
    need('ContentNote').needs.add('create');
    need('ContentDocumentLink').needs.add('create');
  }
  return [...byObject.values()];
}

function checkObject(req: ObjectRequirement, describe: DescribeSObjectResult, problems: SetupProblem[]): void {
  const o = req.object;
  if (req.needs.has('read') && !describe.queryable) {
    problems.push({ object: o, field: null, message: `You cannot read ${o} records (the object is not queryable for your user).` });
  }
  if (req.needs.has('create') && !describe.createable) {
    problems.push({ object: o, field: null, message: `You cannot create ${o} records. Ask your admin for create access on ${o}.` });
  }
  if (req.needs.has('update') && !describe.updateable) {
    problems.push({ object: o, field: null, message: `You cannot edit ${o} records. Ask your admin for edit access on ${o}.` });
  }
  const fields = new Map(describe.fields.map((f) => [f.name, f]));
  for (const name of req.fields) {
    const field = fields.get(name);
    if (!field) {
      problems.push({ object: o, field: name, message: `Field ${o}.${name} is missing, or your user cannot see it (field-level security).` });
      continue;
    }
    if (req.writeFields.has(name) && name !== 'Id') {
      if (req.needs.has('create') && !field.createable && req.needs.has('update') && !field.updateable) {
        problems.push({ object: o, field: name, message: `Field ${o}.${name} is read-only for your user; the panel needs to write it.` });
      } else if (req.needs.has('create') && !req.needs.has('update') && !field.createable) {
        problems.push({ object: o, field: name, message: `Field ${o}.${name} cannot be set on new records by your user.` });
      }
    }
  }
  for (const key of req.externalIds) {
    const field = fields.get(key);
    if (field && field.externalId === false) {
      problems.push({ object: o, field: key, message: `Field ${o}.${key} must be an External ID so retries never create duplicates.` });
    }
  }
  if (describe.childRelationships) {
    const rels = new Set(describe.childRelationships.map((r) => r.relationshipName).filter((n): n is string => !!n));
    for (const child of req.children) {
      if (!rels.has(child)) {
        problems.push({ object: o, field: null, message: `${o} has no child relationship ${child}, so the panel cannot load those records.` });
      }
    }
  }
}

/**
 * Describe every object the mapping uses and list every problem. Objects are described in parallel.
 * Never throws for org problems (they are the report); throws only for session/network failures.
 */
export async function setupCheck(client: SalesforceClient, mapping: MappingConfig): Promise<SetupReport> {
  const reqs = requirements(mapping);
  const problems: SetupProblem[] = [];
  const results = await Promise.all(
    reqs.map(async (req) => {
      try {
        return { req, describe: await client.describe(req.object) };
      } catch (error) {
        if (error instanceof ConnectorError && (error.kind === 'not_found' || error.kind === 'configuration' || error.kind === 'insufficient_access')) {
          return { req, describe: null };
        }
        throw error;
      }
    }),
  );
  for (const { req, describe } of results) {
    if (!describe) {
      problems.push({ object: req.object, field: null, message: `Object ${req.object} is missing in this org, or your user cannot access it.` });
      continue;
    }
    checkObject(req, describe, problems);
  }
  return { ok: problems.length === 0, mapping: mapping.name, problems, checked: reqs.map((r) => r.object) };
}
