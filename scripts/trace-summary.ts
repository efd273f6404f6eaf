/**
 * The biggest main-thread tasks of a Chromium trace (bench-panel.ts `--trace`, issue 18), each with
 * its heaviest trace events and the functions the CPU profile sampled most inside it (self time).
 * A reading aid for where a long task's time goes; the bench's figures stay the long-task observer's.
 */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event: on a loaded machine a task's wall time is mostly waiting for a core. */
  tdur?: number;
  id?: string;
  args?: { name?: string; data?: Record<string, unknown> };
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber?: number };
}

const TASKS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
const ms = (us: number): number => Math.round(us / 100) / 10;
const file = (url: string): string => url.split('/').pop()?.split('?')[0] ?? url;

function detail(event: TraceEvent): string {
  const data = event.args?.data ?? {};
  const fn = typeof data.functionName === 'string' && data.functionName ? data.functionName : '';
  const url = typeof data.url === 'string' ? file(data.url) : '';
  return [event.name, fn, url].filter(Boolean).join(' ');
}

/** Samples of the renderer's CPU profile as [time µs, node] pairs, per thread (pid:tid). */
function samplesByThread(events: readonly TraceEvent[]): Map<string, { nodes: Map<number, ProfileNode>; samples: Array<[number, number]> }> {
  type Entry = { nodes: Map<number, ProfileNode>; samples: Array<[number, number]>; t: number };
  const out = new Map<string, Entry>();
  // A profile is announced on the thread it samples; its chunks come from the profiler's thread.
  const profiles = new Map<string, { thread: string; start: number }>();
  for (const e of events) {
    if (e.name === 'Profile' && e.id) {
      profiles.set(`${e.pid}:${e.id}`, { thread: `${e.pid}:${e.tid}`, start: Number(e.args?.data?.startTime ?? e.ts) });
    }
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !e.id) {
      continue;
    }
    const profile = profiles.get(`${e.pid}:${e.id}`);
    const key = profile?.thread ?? `${e.pid}:${e.tid}`;
    const entry: Entry = out.get(key) ?? { nodes: new Map<number, ProfileNode>(), samples: [], t: profile?.start ?? e.ts };
    out.set(key, entry);
    const data = e.args?.data as { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } | undefined;
    for (const node of data?.cpuProfile?.nodes ?? []) {
      entry.nodes.set(node.id, node);
    }
    const samples = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    samples.forEach((node, i) => {
      entry.t += deltas[i] ?? 0;
      entry.samples.push([entry.t, node]);
    });
  }
  return out;
}

export function summariseTrace(trace: { traceEvents: TraceEvent[] }, top = 4): string {
  const events = trace.traceEvents;
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
  const tasksOf = (key: string): TraceEvent[] => events.filter((e) => e.ph === 'X' && TASKS.has(e.name) && `${e.pid}:${e.tid}` === key && (e.dur ?? 0) > 0);
  const main = mains.map((key) => ({ key, tasks: tasksOf(key) })).sort((a, b) => b.tasks.reduce((s, t) => s + (t.dur ?? 0), 0) - a.tasks.reduce((s, t) => s + (t.dur ?? 0), 0))[0];
  if (!main) {
    return 'trace: no renderer main thread found';
  }
  const profile = samplesByThread(events).get(main.key);
  const longest = [...main.tasks].sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0)).slice(0, top);
  const lines = [`trace: ${main.tasks.length} tasks on the page's main thread; over 50 ms: ${main.tasks.filter((t) => (t.dur ?? 0) > 50_000).length}; biggest:`];
  for (const task of longest) {
    const end = task.ts + (task.dur ?? 0);
    const inside = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main.key && e !== task && !TASKS.has(e.name) && e.ts >= task.ts && e.ts < end && (e.dur ?? 0) >= 2_000);
    const heaviest = inside.sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0)).slice(0, 4).map((e) => `${detail(e)} ${ms(e.dur ?? 0)}`);
    const self = new Map<string, number>();
    const samples = profile?.samples ?? [];
    for (let i = 0; i < samples.length - 1; i++) {
      const [t, node] = samples[i] as [number, number];
      if (t < task.ts || t >= end) {
        continue;
      }
      const frame = profile?.nodes.get(node)?.callFrame;
      const name = frame ? `${frame.functionName || '(anonymous)'}${frame.url ? ` ${file(frame.url)}` : ''}` : '?';
      self.set(name, (self.get(name) ?? 0) + ((samples[i + 1] as [number, number])[0] - t));
    }
    const hot = [...self].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([name, us]) => `${name} ${ms(us)}`);
    // The first task under tracing is the CPU profiler starting (V8.InvokeApiInterruptCallbacks), not the page's.
    const profilerStart = inside.some((e) => e.name === 'V8.InvokeApiInterruptCallbacks' && (e.dur ?? 0) > (task.dur ?? 0) / 2);
    lines.push(
      `  ${ms(task.dur ?? 0)} ms wall, ${ms(task.tdur ?? 0)} ms CPU${profilerStart ? ' (the profiler starting: not the page)' : ''}: ${heaviest.join('; ') || '(no events)'}`,
      `    self time: ${hot.join('; ') || '(no samples)'}`,
    );
  }
  return lines.join('\n');
}
