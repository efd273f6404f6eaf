/**
 * Progress of an import on stderr: a bar over the file's bytes on a terminal (cli-progress), a plain
 * line per tenth of the file otherwise (CI logs, cron mail), nothing with --quiet.
 */
import cliProgress from 'cli-progress';

export interface FileProgress {
  bytes(read: number, total: number, rows: number): void;
  note(message: string): void;
  stop(): void;
}

export function createFileProgress(stream: NodeJS.WriteStream, quiet: boolean): FileProgress {
  if (quiet) {
    return { bytes: () => undefined, note: () => undefined, stop: () => undefined };
  }
  if (!stream.isTTY) {
    let lastTenth = -1;
    return {
      bytes(read, total) {
        const tenth = total === 0 ? 10 : Math.floor((read / total) * 10);
        if (tenth > lastTenth) {
          lastTenth = tenth;
          stream.write(`Read ${tenth * 10} % of the file\n`);
        }
      },
      note: (message) => stream.write(`${message}\n`),
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar({
    stream, format: 'Reading |{bar}| {percentage}% · {rows} rows · {duration_formatted}', hideCursor: true, clearOnComplete: false,
  }, cliProgress.Presets.shades_classic);
  let running = false;
  return {
    bytes(read, total, rows) {
      if (!running) {
        bar.start(Math.max(total, 1), read, { rows });
        running = true;
      }
      bar.update(read, { rows });
    },
    note(message) {
      if (running) {
        bar.stop();
        running = false;
      }
      stream.write(`${message}\n`);
    },
    stop() {
      if (running) {
        bar.stop();
        running = false;
      }
    },
  };
}
