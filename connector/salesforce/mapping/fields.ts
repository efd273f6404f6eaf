/**
 * Field lists of a mapping, apart from schema.ts so the snapshot query builder (snapshot/build.ts, which the LWC
 * record page runs) does not load the mapping's zod/mini schemas (issue 18, decision 0026 "Third step").
 */

/** Non-null field API names of an entity's `fields` block. */
export function mappedFields(fields: Record<string, string | null | undefined>): string[] {
  return Object.values(fields).filter((f): f is string => typeof f === 'string');
}
