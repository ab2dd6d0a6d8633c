#!/usr/bin/env node
// Runs the compiled CLI: dist/ is made from src/ by wavesmith-compile (on install, and by
// `pnpm build`); no TypeScript is compiled here, only the repository's cluster files and apps.
import { existsSync } from 'node:fs';

// A reader that stops early (`wavesmith list --json | head -1`) closes the pipe: stop quietly.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});
const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('wavesmith: the packages are not compiled yet; run `corepack pnpm install` (or `corepack pnpm exec wavesmith-compile`)\n');
  process.exit(3);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
