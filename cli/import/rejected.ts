/**
 * PATH.rejected.csv: every row the import did not take, with its 1-based file line and the reason,
 * then the row as it was read, so it can be fixed and imported again. UTF-8 with a BOM, so Excel
 * shows umlauts and rupee signs as they are. Written as rows arrive (a stream, not a list).
 */
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { ErpCell } from '../../connector/domain/erp';

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function cellText(cell: ErpCell): string {
  return typeof cell === 'string' ? cell : 'number' in cell ? cell.number : cell.date;
}

export class RejectedFile {
  private stream: WriteStream | null = null;
  count = 0;

  constructor(readonly path: string, private readonly header: readonly string[]) {}

  add(line: number, reason: string, cells: readonly ErpCell[]): void {
    if (!this.stream) {
      this.stream = createWriteStream(this.path, { encoding: 'utf8' });
      this.stream.write(`\uFEFF${['Line', 'Reason', ...this.header].map(quote).join(',')}\r\n`);
    }
    this.count += 1;
    this.stream.write(`${[String(line), reason, ...cells.map(cellText)].map(quote).join(',')}\r\n`);
  }

  /** Closes the file; with no rejected row, removes a stale one from an earlier run. */
  async close(): Promise<void> {
    if (this.stream) {
      this.stream.end();
      await once(this.stream, 'close');
    } else {
      await rm(this.path, { force: true });
    }
  }
}
