#!/usr/bin/env node
// The packages are shipped as TypeScript source; tsx compiles them (and the cluster files) on load.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
