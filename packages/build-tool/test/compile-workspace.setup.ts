import { fileURLToPath } from 'node:url';
import { compileWorkspace } from '../src/compile-package.mjs';

/**
 * Vitest's global setup: tests import the TypeScript sources, but the render workers they start
 * and the `wavesmith` processes they spawn run the compiled packages, which must be current.
 */
export default async function setup(): Promise<void> {
  await compileWorkspace(fileURLToPath(new URL('../../..', import.meta.url)));
}
