/**
 * `custom` mapping: a JSON file for ERP-synced objects. Whatever the file gives replaces the matching
 * block of the product preset (typically `invoice` and `payment`); the merged result is validated
 * strictly and every bad key is reported on its own line.
 */
import { ConnectorError } from '../../errors';
import { productPreset } from './presets';
import { MappingConfigSchema, mappingProblems } from './schema';
import type { MappingConfig } from './schema';

const BLOCKS = ['name', 'defaultCurrency', 'account', 'contact', 'invoice', 'payment', 'promise', 'plan', 'settlement', 'dispute', 'activity', 'notes'] as const;

/**
 * Parse a custom mapping (JSON text or an already-parsed object).
 * @throws ConnectorError 'configuration' listing every problem, e.g.
 *   `invoice.fields.dueDat: unknown key` / `invoice.fields.dueDate: missing`.
 */
export function parseCustomMapping(input: string | unknown): MappingConfig {
  let raw: unknown = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input) as unknown;
    } catch (error) {
      throw new ConnectorError({ kind: 'configuration', userMessage: 'The custom mapping file is not valid JSON.', detail: error instanceof Error ? error.message : String(error) });
    }
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConnectorError({ kind: 'configuration', userMessage: 'The custom mapping must be a JSON object.' });
  }
  const given = raw as Record<string, unknown>;
  const unknownBlocks = Object.keys(given).filter((k) => !(BLOCKS as readonly string[]).includes(k));
  const base = productPreset(typeof given.defaultCurrency === 'string' ? given.defaultCurrency : 'USD') as unknown as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...base, name: 'custom' };
  for (const key of BLOCKS) {
    if (key in given) {
      merged[key] = given[key];
    }
  }
  const problems = [
    ...unknownBlocks.map((k) => `${k}: unknown key (expected one of ${BLOCKS.join(', ')})`),
    ...mappingProblems(merged),
  ];
  if (problems.length > 0) {
    throw new ConnectorError({
      kind: 'configuration',
      userMessage: `The custom mapping has ${problems.length} problem${problems.length > 1 ? 's' : ''}:\n${problems.join('\n')}`,
      detail: problems.join('; '),
      fields: problems.map((p) => p.split(':')[0] ?? p),
    });
  }
  return MappingConfigSchema.parse(merged) as MappingConfig;
}
