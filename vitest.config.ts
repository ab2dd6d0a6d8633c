import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    {
      /**
       * Tests run the TypeScript sources: an import of a Wavesmith package resolves, as for tsc, to
       * the `source` condition of its exports (src/). Not through Vite's resolve conditions, which
       * Vitest also hands to Node.js: what Node.js loads by itself (render workers, the `wavesmith`
       * command, compiled cluster files) runs the compiled dist/.
       */
      name: 'wavesmith-sources',
      enforce: 'pre',
      async resolveId(id, importer) {
        if (!id.startsWith('@wavesmith/')) return null;
        const resolved = await this.resolve(id, importer, { skipSelf: true });
        const dir = resolved && /^(.*)\/dist\/[^/]+$/.exec(resolved.id)?.[1];
        if (!dir) return null;
        const exported = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { exports: Record<string, { source?: string; default?: string }> }).exports;
        const target = Object.values(exported).find((t) => t.default !== undefined && join(dir, t.default) === resolved.id);
        return target?.source === undefined ? null : join(dir, target.source);
      },
    },
  ],
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'clusters/test/**/*.test.ts', 'bench/test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
    testTimeout: 30_000,
    pool: 'threads',
    // Render workers and the `wavesmith` command run the compiled packages: compiled first, when older than their sources.
    globalSetup: ['packages/build-tool/test/compile-workspace.setup.ts'],
  },
});
