// @ts-check
/**
 * Loaded into every Node.js process of a benchmark run (NODE_OPTIONS=--import): when the
 * process exits, appends its peak resident memory in KiB to the file named by
 * WAVESMITH_BENCH_MEMORY. The benchmark reports the largest, as GNU time's %M does.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.WAVESMITH_BENCH_MEMORY;
if (file) process.on('exit', () => appendFileSync(file, `${process.resourceUsage().maxRSS}\n`));
