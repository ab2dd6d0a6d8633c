#!/usr/bin/env node
// @ts-check
/**
 * Compiles the packages of the workspace whose `dist/` is older than their `src/` (all of them
 * with --force). Run by `pnpm install` (postinstall), `pnpm build` and `pnpm test`; quiet when
 * everything is current.
 *
 * Usage: wavesmith-compile [--force]
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compileWorkspace, CompileError } from '../src/compile-package.mjs';

let root = process.cwd();
while (!existsSync(join(root, 'pnpm-workspace.yaml'))) {
  if (dirname(root) === root) {
    console.error('wavesmith-compile: no pnpm-workspace.yaml in this folder or above it');
    process.exit(2);
  }
  root = dirname(root);
}
const started = performance.now();
try {
  const { compiled, warnings } = await compileWorkspace(root, { force: process.argv.includes('--force') });
  for (const warning of warnings) console.error(`wavesmith-compile: warning: ${warning}`);
  if (compiled.length > 0) console.log(`wavesmith-compile: compiled ${compiled.join(', ')} in ${((performance.now() - started) / 1000).toFixed(2)}s`);
} catch (error) {
  if (!(error instanceof CompileError)) throw error;
  console.error(`wavesmith-compile: ${error.message}`);
  process.exitCode = 1;
}
