/**
 * The dispute SLA's zod/mini schemas: the connector's contract (decision 0007: page bundles validate
 * with `parseDisputeSlaPolicy` in dispute-sla.ts instead, which imports no zod; parity-tested).
 */
import * as z from 'zod/mini';
import { DISPUTE_REASON_CODES } from '../vocabulary';
import { DISPUTE_SLA_ACTIONS } from './dispute-sla';

const ID_PATTERN = /^[A-Za-z0-9_.-]+$/;
const BusinessDays = z.int().check(z.gte(1), z.lte(60));

/** One step around the SLA date (see DisputeSlaStep). */
export const DisputeSlaStepSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(80), z.regex(ID_PATTERN, 'must be letters, digits, dot, dash or underscore')),
  label: z.string().check(z.minLength(1), z.maxLength(120)),
  offsetBusinessDays: z.int().check(z.gte(-20), z.lte(20)),
  action: z.enum(DISPUTE_SLA_ACTIONS),
});

/** The SLA: days to answer (per reason, else the default) and the steps around the date (see DisputeSlaPolicy). */
export const DisputeSlaPolicySchema = z.object({
  resolveBusinessDays: BusinessDays,
  byReason: z.optional(z.partialRecord(z.enum(DISPUTE_REASON_CODES), BusinessDays)),
  steps: z.array(DisputeSlaStepSchema).check(z.minLength(1), z.maxLength(10)),
});
