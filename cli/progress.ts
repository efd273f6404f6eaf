/**
 * Progress of a portfolio pass on stderr: a bar on a terminal (cli-progress), plain lines otherwise
 * (CI logs, pipes), so stdout carries only the result.
 */
import cliProgress from 'cli-progress';
import type { PortfolioProgress } from '../connector/portfolio-source';

export interface ProgressReporter {
  update(progress: PortfolioProgress): void;
  note(message: string): void;
  stop(): void;
}

export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr, quiet = false): ProgressReporter {
  const started = Date.now();
  const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (quiet) {
    return { update: () => undefined, note: () => undefined, stop: () => undefined };
  }
  if (!stream.isTTY) {
    let lastLine = '';
    return {
      update(p) {
        const what = `${p.kind} via ${p.via === 'bulk' ? 'Bulk API 2.0' : 'REST'}: ${p.phase === 'waiting' ? 'waiting for the query job' : p.phase === 'starting' ? 'starting a query job' : `${p.rows}${p.total === null ? '' : `/${p.total}`} rows, ${p.pages} ${p.pages === 1 ? 'page' : 'pages'}`}`;
        // Plain logs get one line per new page or phase, not one per poll or repeated total.
        if (what !== lastLine) {
          stream.write(`${what}; ${p.apiRequests} API requests; ${elapsed()}\n`);
          lastLine = what;
        }
      },
      note: (message) => stream.write(`${message}\n`),
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar({
    stream,
    format: '{kind} via {via} |{bar}| {value}/{total} rows · {pages} pages · {requests} API requests · {duration_formatted}',
    hideCursor: true,
    clearOnComplete: false,
  }, cliProgress.Presets.shades_classic);
  let running = false;
  let currentKind = '';
  return {
    update(p) {
      const payload = { kind: p.kind, via: p.via === 'bulk' ? 'Bulk API 2.0' : 'REST', pages: p.pages, requests: p.apiRequests };
      const total = p.total ?? Math.max(p.rows, 1);
      if (!running || p.kind !== currentKind) {
        if (running) {
          bar.stop();
        }
        bar.start(total, p.rows, payload);
        running = true;
        currentKind = p.kind;
      } else {
        bar.setTotal(total);
        bar.update(p.rows, payload);
      }
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
