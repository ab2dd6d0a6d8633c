// @ts-check
/**
 * Loaded into every Node.js process of a benchmark run (NODE_OPTIONS=--import): when the
 * process exits, appends a line to the file named by WAVESMITH_BENCH_USAGE with its peak
 * resident memory in KiB and the processor time it used (user + system) in microseconds.
 * The benchmark reports the largest peak, as GNU time's %M does, and the sum of the times.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.WAVESMITH_BENCH_USAGE;
if (file) {
  process.on('exit', () => {
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
    appendFileSync(file, `${maxRSS} ${userCPUTime + systemCPUTime}\n`);
  });
}
