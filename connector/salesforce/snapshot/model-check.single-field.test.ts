/**
 * Guard for model-check.equivalence.test.ts. That test sets each field of each raw record to 68 bad values,
 * ONE FIELD AT A TIME, and checks the converters alone give what the model check gives. That covers the model
 * only while every rule in the schemas model-check.ts uses is about one field: a check spanning several fields
 * (an object-level `.check(...)`/refine, "balance <= total", a union whose choice depends on several fields,
 * a rule across an array's items) could be broken by two fields that are each fine alone, which no
 * single-field mutation produces, and the LWC page (salesforce/lwc-bundle/model-check-by-converters.ts) would
 * let it through. So this test walks every schema model-check.ts uses and fails on any such rule.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import * as Model from '../../domain/model';
import * as Checked from './model-check';

type Def = { type: string; checks?: unknown[]; shape?: Record<string, z.ZodMiniType>; element?: z.ZodMiniType; innerType?: z.ZodMiniType; options?: z.ZodMiniType[] };
const defOf = (schema: z.ZodMiniType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Types whose checks see one value only (a string's pattern, a number's range, an enum's entries). */
const SINGLE_VALUE = new Set(['string', 'number', 'boolean', 'enum', 'literal']);

/** Every rule in `schema` that may span several fields, as "path: why" lines. */
function crossFieldRules(schema: z.ZodMiniType, path: string, out: string[] = []): string[] {
  const def = defOf(schema);
  if (SINGLE_VALUE.has(def.type)) {
    return out;
  }
  if ((def.checks ?? []).length > 0) {
    out.push(`${path}: ${def.type}-level check (${String(def.checks?.length)}) spans its ${def.type === 'array' ? 'items' : 'fields'}`);
  }
  switch (def.type) {
    case 'optional':
    case 'nullable':
      crossFieldRules(def.innerType as z.ZodMiniType, path, out);
      break;
    case 'object':
      for (const [key, field] of Object.entries(def.shape ?? {})) {
        crossFieldRules(field, `${path}.${key}`, out);
      }
      break;
    case 'array':
      crossFieldRules(def.element as z.ZodMiniType, `${path}[]`, out);
      break;
    default:
      // union, discriminated union, intersection, pipe/transform, record, lazy, custom…: which rule applies
      // (or what the value becomes) can depend on several fields at once.
      out.push(`${path}: a ${def.type} schema may choose or transform on several fields`);
  }
  return out;
}

/** The schemas model-check.ts validates with: the model's it imports, and the unions it builds on top. */
function schemasModelCheckUses(): [string, z.ZodMiniType][] {
  const source = readFileSync(join(import.meta.dirname, 'model-check.ts'), 'utf8');
  const imported = /import\s*\{([^}]*)\}\s*from\s*'\.\.\/\.\.\/domain\/model'/.exec(source)?.[1] ?? '';
  const names = imported.split(',').map((name) => name.trim()).filter(Boolean);
  const models = Model as unknown as Record<string, z.ZodMiniType>;
  const own = Checked as unknown as Record<string, z.ZodMiniType>;
  // Every schema model-check.ts builds itself must be exported, so it is walked here too.
  const built = [...source.matchAll(/^(export )?const (\w+) = z\./gm)];
  expect(built.filter(([, exported]) => !exported).map(([, , name]) => name), 'schemas model-check.ts builds but does not export').toEqual([]);
  return [
    ...names.map((name): [string, z.ZodMiniType] => [name, models[name] as z.ZodMiniType]),
    ...built.map(([, , name]): [string, z.ZodMiniType] => [name as string, own[name as string] as z.ZodMiniType]),
  ];
}

/**
 * The unions model-check.ts builds on top of the model; their options are walked. The mapping picks the option
 * (map.ts: payment or credit by the payment's type field; an activity or 'skip' by the task's subject, channel
 * and subtype), and no converter output can fit the other option instead: a payment has no `kind`/`issuedOn`
 * for CreditSchema, and 'skip' is a literal. So a bad field is still caught by its own option's rule.
 */
const TOP_LEVEL_UNIONS = new Set(['PAYMENT_OR_CREDIT', 'ACTIVITY_OR_SKIP']);

describe("the model check's schemas have only single-field rules (what the equivalence test's one-field mutations cover)", () => {
  it('finds every schema model-check.ts uses', () => {
    const schemas = schemasModelCheckUses();
    expect(schemas.map(([name]) => name)).toEqual(expect.arrayContaining(['AccountSchema', 'InvoiceSchema', 'ActivitySchema', 'FollowUpSchema', ...TOP_LEVEL_UNIONS]));
    for (const [name, schema] of schemas) {
      expect(schema, name).toBeDefined();
    }
  });

  it('has no object-level check, union or other rule spanning several fields', () => {
    const found: string[] = [];
    for (const [name, schema] of schemasModelCheckUses()) {
      const def = defOf(schema);
      if (TOP_LEVEL_UNIONS.has(name) && def.type === 'union') {
        if ((def.checks ?? []).length > 0) {
          found.push(`${name}: union-level check spans its options' fields`);
        }
        (def.options ?? []).forEach((option, index) => crossFieldRules(option, `${name}|${String(index)}`, found));
      } else {
        crossFieldRules(schema, name, found);
      }
    }
    expect(
      found,
      'A schema model-check.ts uses now has a rule spanning several fields. The equivalence test mutates one field ' +
        'at a time and cannot see it, and the LWC page (salesforce/lwc-bundle/model-check-by-converters.ts) relies on ' +
        'the converters alone: teach the converters (map.ts) this rule, add a mutation of two fields that breaks it to ' +
        'model-check.equivalence.test.ts, and only then let this test accept that one rule.',
    ).toEqual([]);
  });

  it('is a check that can fail: it sees an object-level check, an array-level check and a nested union', () => {
    const money = z.object({ amountMinor: z.int(), currency: z.string() });
    const invoice = z.object({ total: money, balance: money }).check(z.refine((value) => value.balance.amountMinor <= value.total.amountMinor));
    expect(crossFieldRules(invoice, 'Invoice')).toEqual([expect.stringContaining('Invoice: object-level check')]);
    expect(crossFieldRules(z.object({ lines: z.array(money).check(z.minLength(1)) }), 'Dispute')).toEqual([expect.stringContaining('Dispute.lines: array-level check')]);
    expect(crossFieldRules(z.object({ who: z.optional(z.union([money, z.string()])) }), 'Activity')).toEqual([expect.stringContaining('Activity.who: a union schema')]);
    expect(crossFieldRules(z.object({ id: z.string().check(z.minLength(1)), on: z.nullable(z.iso.date()) }), 'FollowUp')).toEqual([]);
  });
});
