// @ts-check
/**
 * Which packages of a workspace are compiled, and whether their compiled code is current. A
 * package is compiled when its `exports["."]` has a `source` condition (TypeScript in `src/`)
 * beside the JavaScript in `dist/` that Node.js runs. `dist/.sources.json` records the SHA-256 of
 * every file of `src/` the output was made from. No dependency beyond Node.js, so reading it is
 * cheap for the CLI's start.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The record of the sources a `dist/` was compiled from, relative to the package folder. */
export const SOURCES_FILE = 'dist/.sources.json';

/** Folders of a workspace holding packages, as in pnpm-workspace.yaml. */
const PACKAGE_FOLDERS = ['packages', 'apps'];

/**
 * The folders of the compiled packages of the workspace at `root`, sorted.
 * @param {string} root
 * @returns {string[]}
 */
export function compiledPackages(root) {
  const dirs = [];
  for (const parent of PACKAGE_FOLDERS) {
    const entries = existsSync(join(root, parent)) ? readdirSync(join(root, parent), { withFileTypes: true }) : [];
    const names = entries.filter((e) => e.isDirectory()).map((e) => e.name);
    for (const name of names.sort()) {
      const dir = join(root, parent, name);
      if (hasSourceCondition(dir)) dirs.push(dir);
    }
  }
  return dirs;
}

/** @param {string} dir */
function hasSourceCondition(dir) {
  try {
    const exported = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).exports?.['.'];
    return typeof exported === 'object' && exported !== null && typeof exported.source === 'string';
  } catch {
    return false;
  }
}

/**
 * Every file under `src/` of the package in `dir`, as sorted paths relative to `dir`.
 * @param {string} dir
 * @returns {string[]}
 */
export function sourceFiles(dir) {
  return readdirSync(join(dir, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1).split('\\').join('/'))
    .sort();
}

/**
 * SHA-256 of each source file, by path relative to `dir`.
 * @param {string} dir
 * @returns {Record<string, string>}
 */
export function sourceHashes(dir) {
  return Object.fromEntries(sourceFiles(dir).map((path) => [path, createHash('sha256').update(readFileSync(join(dir, path))).digest('hex')]));
}

/**
 * The record `dist/.sources.json` of the package in `dir`, or undefined when it has none.
 * @param {string} dir
 * @returns {Record<string, string> | undefined}
 */
export function compiledFrom(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, SOURCES_FILE), 'utf8')).files;
  } catch {
    return undefined;
  }
}

/**
 * The source files that differ from what `dist/` was compiled from (changed, added or removed),
 * sorted; empty when `dist/` is current. `sources` are the current hashes, when known already.
 * @param {string} dir
 * @param {Record<string, string>} [sources]
 * @returns {string[]}
 */
export function staleSources(dir, sources = sourceHashes(dir)) {
  const compiled = compiledFrom(dir);
  if (compiled === undefined) return Object.keys(sources);
  const paths = new Set([...Object.keys(sources), ...Object.keys(compiled)]);
  return [...paths].filter((path) => sources[path] !== compiled[path]).sort();
}
