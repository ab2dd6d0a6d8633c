#!/usr/bin/env node
// The packages are shipped as TypeScript source; tsx compiles them (and the cluster files) on load.
import { register } from 'tsx/esm/api';

// A reader that stops early (`wavesmith list --json | head -1`) closes the pipe: stop quietly.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});
register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
