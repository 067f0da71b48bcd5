/**
 * Issue targets (#16 and later): each bench that measures something with a goal records it here, and
 * `npm run bench` prints one table of every target after all benches ran: measured value, goal, met / not met.
 * A target not met is printed, not failed: the exit code stays about answers that differ (bench/measure.ts).
 */
export interface Target {
  /** What was measured, as a planner or reviewer reads it ("first drawn map, demo town, median of 5"). */
  what: string;
  measured: number;
  goal: number;
  /** The unit of both numbers ("ms", "kB gz", "MiB"). */
  unit: string;
  /** Lower is better unless said otherwise. */
  better?: 'lower' | 'higher';
  /** Where it comes from, e.g. "#16 item 1". */
  source?: string;
}

const targets: Target[] = [];

export function recordTarget(target: Target): Target {
  targets.push(target);
  return target;
}

export const targetMet = (t: Target): boolean => ((t.better ?? 'lower') === 'lower' ? t.measured <= t.goal : t.measured >= t.goal);

export const targetCount = (): number => targets.length;

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** Prints the targets recorded since the `from`-th as one markdown table; nothing when there are none. */
export function reportTargets(log: (line: string) => void = console.log, from = 0): void {
  const rows = targets.slice(from);
  if (rows.length === 0) return;
  log('\n=== targets');
  log('| target | source | measured | goal | verdict |');
  log('|---|---|---:|---:|---|');
  for (const t of rows) {
    const sign = (t.better ?? 'lower') === 'lower' ? '≤' : '≥';
    log(`| ${t.what} | ${t.source ?? ''} | ${fmt(t.measured)} ${t.unit} | ${sign} ${fmt(t.goal)} ${t.unit} | ${targetMet(t) ? 'met' : 'NOT MET'} |`);
  }
}
