#!/usr/bin/env node
// The `collections` command: runs the TypeScript CLI (cli/main.ts) through tsx's loader, so the
// CLI and the connector it uses are the same sources the tests run.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv);
