import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { DEFAULT_STRATEGY } from './defaults';
import { parseStrategy } from './parse';
import { StrategySchema } from './schema';

// The page connector uses DEFAULT_STRATEGY without running the strategy's guards (nextActionUnder,
// issue 18): that is sound only while both validators accept it exactly as it ships.
describe('DEFAULT_STRATEGY ships pre-validated', () => {
  it('the zod-free guards accept it unchanged', () => {
    expect(parseStrategy(DEFAULT_STRATEGY)).toEqual(DEFAULT_STRATEGY);
  });

  it('the connector contract (zod/mini) accepts it unchanged', () => {
    expect(z.parse(StrategySchema, DEFAULT_STRATEGY)).toEqual(DEFAULT_STRATEGY);
  });
});
