/** Runs commands as whole processes and measures wall time and peak memory, as a user would see them. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Run {
  readonly seconds: number;
  /** Peak resident memory of the largest process, in KiB; undefined when it could not be read. */
  readonly peakKiB: number | undefined;
}

const MEMORY_FILE = join(tmpdir(), `wavesmith-bench-memory-${process.pid}`);
const REPORTER = pathToFileURL(join(import.meta.dirname, 'peak-memory.mjs')).href;
/** GNU time, for the peak memory of processes that are not Node.js (kubectl). */
const GNU_TIME = '/usr/bin/time';

/** Runs a Node.js command (directly or through scripts that start Node.js); fails on a non-zero exit. */
export function runNode(command: string, args: readonly string[], cwd: string): Run {
  rmSync(MEMORY_FILE, { force: true });
  const env = { ...process.env, WAVESMITH_BENCH_MEMORY: MEMORY_FILE, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${REPORTER}`.trim() };
  const start = performance.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - start) / 1000;
  check(command, args, result);
  const peaks = existsSync(MEMORY_FILE) ? readFileSync(MEMORY_FILE, 'utf8').split('\n').filter(Boolean).map(Number) : [];
  return { seconds, peakKiB: peaks.length > 0 ? Math.max(...peaks) : undefined };
}

/** Runs each command in turn as one measurement: total wall time, the largest peak memory (where GNU time exists). */
export function runEach(commands: readonly (readonly string[])[], cwd: string): Run {
  const timed = existsSync(GNU_TIME);
  let peakKiB: number | undefined;
  const start = performance.now();
  for (const [command, ...args] of commands) {
    const result = timed
      ? spawnSync(GNU_TIME, ['-f', '%M', command!, ...args], { cwd, encoding: 'utf8' })
      : spawnSync(command!, args, { cwd, encoding: 'utf8' });
    check(command!, args, result);
    if (timed) peakKiB = Math.max(peakKiB ?? 0, Number(result.stderr.trim().split('\n').at(-1)));
  }
  return { seconds: (performance.now() - start) / 1000, peakKiB };
}

function check(command: string, args: readonly string[], result: ReturnType<typeof spawnSync>): void {
  if (result.error) throw new Error(`${command} could not be started: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}:\n${String(result.stderr).slice(-4000)}`);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
