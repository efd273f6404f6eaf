/**
 * A JSON file named by an option (`--rates`, `--mapping`, `--strategy`, `--calendar`): read and parsed
 * in one place, so a missing or broken file is the same one clear line whichever command reads it.
 */
import { readFile } from 'node:fs/promises';
import { CliError } from './connection';

/** The parsed file; a usage error (exit 2) naming the option and the file when it cannot be read or parsed. */
export async function readJsonOption(option: string, path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    throw new CliError(`${option} ${path} could not be read as JSON (${error instanceof Error ? error.message : String(error)}).`, 2);
  }
}
