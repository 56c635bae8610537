/** Shared numbers and printing of the benches: every bench prints its ratio next to the goal of issue #19. */

export interface Summary {
  name: string;
  ops: number;
  perSecond: number;
  p50: number;
  p95: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function summarize(name: string, latenciesMs: number[], seconds: number): Summary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    name,
    ops: latenciesMs.length,
    perSecond: latenciesMs.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
  };
}

export function printTable(rows: Summary[]): void {
  const width = Math.max(18, ...rows.map((row) => row.name.length));
  process.stdout.write(`\n  ${"benchmark".padEnd(width)}    ops   per second   p50 ms   p95 ms\n`);
  for (const row of rows) {
    process.stdout.write(
      `  ${row.name.padEnd(width)} ${String(row.ops).padStart(6)} ${row.perSecond.toFixed(1).padStart(12)} ${row.p50
        .toFixed(2)
        .padStart(8)} ${row.p95.toFixed(2).padStart(8)}\n`,
    );
  }
}

export interface Goal {
  label: string;
  measured: string;
  goal: string;
  met: boolean;
}

/** One line per goal: what was measured, the goal, and whether it was met. Returns whether all were. */
export function printGoals(goals: Goal[], issue = 19): boolean {
  process.stdout.write(`\n  goal (issue #${issue})\n`);
  for (const goal of goals) {
    process.stdout.write(`  ${goal.met ? "MET   " : "MISSED"} ${goal.label}: ${goal.measured} (goal ${goal.goal})\n`);
  }
  return goals.every((goal) => goal.met);
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

/** The benches measure against the machine's PostgreSQL unless DATABASE_URL names another server. */
export function useMachinePostgres(): string {
  process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";
  return process.env.DATABASE_URL;
}
