/** Runs commands as whole processes and measures wall time, processor time and peak memory, as a user would see them. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Run {
  readonly seconds: number;
  /** Processor time (user + system) of all its processes, in seconds; undefined when it could not be read. */
  readonly cpuSeconds: number | undefined;
  /** Peak resident memory of the largest process, in KiB; undefined when it could not be read. */
  readonly peakKiB: number | undefined;
}

const USAGE_FILE = join(tmpdir(), `wavesmith-bench-usage-${process.pid}`);
const REPORTER = pathToFileURL(join(import.meta.dirname, 'resource-usage.mjs')).href;
/** GNU time, for the usage of processes that are not Node.js (kubectl). */
const GNU_TIME = '/usr/bin/time';

/** Runs a Node.js command (directly or through scripts that start Node.js); fails on a non-zero exit. */
export function runNode(command: string, args: readonly string[], cwd: string): Run {
  rmSync(USAGE_FILE, { force: true });
  const env = { ...process.env, WAVESMITH_BENCH_USAGE: USAGE_FILE, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${REPORTER}`.trim() };
  const start = performance.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - start) / 1000;
  check(command, args, result);
  const lines = existsSync(USAGE_FILE) ? readFileSync(USAGE_FILE, 'utf8').split('\n').filter(Boolean) : [];
  const usage = lines.map((line) => line.split(' ').map(Number) as [number, number]);
  if (usage.length === 0) return { seconds, cpuSeconds: undefined, peakKiB: undefined };
  return { seconds, cpuSeconds: usage.reduce((sum, [, micros]) => sum + micros, 0) / 1e6, peakKiB: Math.max(...usage.map(([kib]) => kib)) };
}

/** Runs each command in turn as one measurement: total wall and processor time, the largest peak memory (usage where GNU time exists). */
export function runEach(commands: readonly (readonly string[])[], cwd: string): Run {
  const timed = existsSync(GNU_TIME);
  let peakKiB = 0;
  let cpuSeconds = 0;
  const start = performance.now();
  for (const [command, ...args] of commands) {
    const result = timed
      ? spawnSync(GNU_TIME, ['-f', '%M %U %S', command!, ...args], { cwd, encoding: 'utf8' })
      : spawnSync(command!, args, { cwd, encoding: 'utf8' });
    check(command!, args, result);
    if (timed) {
      const [kib, user, system] = result.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number];
      peakKiB = Math.max(peakKiB, kib);
      cpuSeconds += user + system;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  return timed ? { seconds, cpuSeconds, peakKiB } : { seconds, cpuSeconds: undefined, peakKiB: undefined };
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
