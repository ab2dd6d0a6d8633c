// @ts-check
/**
 * Compiles a package's TypeScript sources (`src/`) to the JavaScript Node.js runs (`dist/`),
 * module for module: each `src/x.ts` becomes `dist/x.js` with its imports kept as they are, so
 * each module is loaded once however it is reached. JSON data a module imports is inlined into
 * it (Node.js 20 still warns on JSON modules). Types are not checked here: `pnpm build` and
 * `pnpm test` run tsc. Plain JavaScript, as it runs before anything else is compiled.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { compiledPackages, SOURCES_FILE, sourceHashes, staleSources } from './sources.mjs';

/** Thrown when sources do not compile; the message lists each error as `package: file:line:column: reason`. */
export class CompileError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'CompileError';
  }
}

/**
 * Compiles every package of the workspace at `root` whose `dist/` is older than its `src/` (every
 * package with `force`), all at once.
 * @param {string} root
 * @param {{ force?: boolean }} [options]
 * @returns {Promise<{ compiled: string[], warnings: string[] }>} the packages compiled (relative to `root`) and esbuild's warnings
 */
export async function compileWorkspace(root, options = {}) {
  const stale = compiledPackages(root).filter((dir) => options.force || staleSources(dir).length > 0);
  const results = await Promise.allSettled(stale.map((dir) => compilePackage(dir)));
  const failures = results.flatMap((r, i) => (r.status === 'rejected' ? [[relative(root, stale[i] ?? ''), r.reason]] : []));
  for (const [, reason] of failures) if (!(reason instanceof CompileError)) throw reason;
  if (failures.length > 0) throw new CompileError(failures.map(([dir, reason]) => `${dir}: ${reason.message.split('\n').join(`\n${dir}: `)}`).join('\n'));
  return {
    compiled: stale.map((dir) => relative(root, dir)),
    warnings: results.flatMap((r, i) => (r.status === 'fulfilled' ? r.value.warnings.map((w) => `${relative(root, stale[i] ?? '')}: ${w}`) : [])),
  };
}

/**
 * Replaces `dir/dist/` with the compiled `dir/src/`; the record of the sources is written last,
 * so a `dist/` without it is one whose compilation did not finish.
 * @param {string} dir the package folder
 * @returns {Promise<{ modules: number, warnings: string[] }>}
 */
export async function compilePackage(dir) {
  const sources = sourceHashes(dir);
  const entryPoints = Object.keys(sources).filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'));
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  const result = await build({
    absWorkingDir: dir,
    entryPoints,
    outdir: 'dist',
    outbase: 'src',
    // Bundling only to inline JSON: every other import stays an import (see the plugin).
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'silent',
    plugins: [
      {
        name: 'one-file-per-module',
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === 'entry-point' || args.path.endsWith('.json')) return undefined;
            return { path: args.path.replace(/\.ts$/, '.js'), external: true };
          });
        },
      },
    ],
  }).catch((/** @type {{ errors?: import('esbuild').Message[] }} */ failure) => {
    if (!failure.errors) throw failure;
    throw new CompileError(failure.errors.map(describe).join('\n'));
  });
  writeFileSync(join(dir, SOURCES_FILE), `${JSON.stringify({ files: sources }, null, 1)}\n`);
  return { modules: entryPoints.length, warnings: result.warnings.map(describe) };
}

/**
 * An esbuild message as `file:line:column: reason`, the column counted from 1 as editors and tsc do.
 * @param {import('esbuild').Message} message
 */
function describe({ location, text }) {
  return location ? `${location.file}:${location.line}:${location.column + 1}: ${text}` : text;
}
