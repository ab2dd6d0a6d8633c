import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire, isBuiltin } from 'node:module';
import { extname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Message, Plugin } from 'esbuild';

/**
 * A TypeScript module of the repository (a cluster file, an app package's entry point) compiled
 * into one JavaScript module that Node.js loads: the files it imports by relative path are
 * bundled into it; packages stay imports, resolved as Node.js resolves them (to the same files
 * the CLI runs, so each package is loaded once).
 */
export interface SourceModule {
  /** The entry file, relative to the root. */
  readonly file: string;
  /** URL of the compiled module; undefined when the source did not compile. */
  readonly url?: string;
  /** SHA-256 of each file it is made of (the entry and its relative imports), by path relative to the root. */
  readonly inputs: Readonly<Record<string, string>>;
  /** Why the source did not compile: each error as `file:line:column: reason`. */
  readonly error?: string;
}

/** What a compiled module was made from: the inputs, and the compiler and installed packages it was made with. */
interface Manifest {
  readonly file: string;
  readonly env: string;
  readonly inputs: Record<string, string>;
  readonly output: string;
}

/** Compiled modules and their manifests, by content: a source compiled once is loaded from here until it changes. */
export const MODULE_CACHE = 'node_modules/.cache/wavesmith/modules';

const sha256 = (content: string | Buffer): string => createHash('sha256').update(content).digest('hex');

/**
 * Compiles each file (relative to `root`), or takes it from the cache when none of its inputs
 * changed. A module whose source does not compile comes back with `error`; the others are
 * still compiled.
 */
export async function compileSourceModules(root: string, files: readonly string[]): Promise<SourceModule[]> {
  const cache = join(root, MODULE_CACHE);
  const env = environment(root);
  const cached = files.map((file) => fromCache(root, cache, env, file));
  const missing = files.filter((_, i) => cached[i] === undefined);
  if (missing.length === 0) return cached as SourceModule[];
  await mkdir(cache, { recursive: true });
  let compiled: SourceModule[];
  try {
    // All at once, so that the files they share (profiles) are read and parsed once.
    compiled = await compile(root, cache, env, missing);
  } catch (error) {
    if (!isBuildFailure(error)) throw error;
    // Each file on its own, to tell which fail and why, and still compile the others.
    compiled = await Promise.all(
      missing.map((file) =>
        compile(root, cache, env, [file]).then(
          ([module]) => module!,
          (failure: unknown): SourceModule => {
            if (!isBuildFailure(failure)) throw failure;
            return { file, inputs: {}, error: failure.errors.map(describeMessage).join('; ') };
          },
        ),
      ),
    );
  }
  const byFile = new Map(compiled.map((m) => [m.file, m]));
  return files.map((file, i) => cached[i] ?? byFile.get(file)!);
}

/** Compiles the files with esbuild and stores each module and its manifest in the cache. */
async function compile(root: string, cache: string, env: string, files: readonly string[]): Promise<SourceModule[]> {
  const { build } = await import('esbuild');
  const hashes: Record<string, string> = {};
  const result = await build({
    absWorkingDir: root,
    // Named by position, flat in the cache folder where each module is kept: its source map's
    // relative paths lead back to the sources (an entry reached through a link is named by its target).
    entryPoints: files.map((file, i) => ({ in: file, out: `entry-${i}` })),
    outdir: cache,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    sourcesContent: false,
    // Node.js's own conditions (esbuild adds `module` unless told which).
    conditions: [],
    // Independent of tsconfig.json files: the same source always compiles the same.
    tsconfigRaw: '{}',
    logLevel: 'silent',
    plugins: [hashSources(root, hashes), packagesAsNodeResolves()],
  });
  const code = new Map(result.outputFiles.map((o) => [o.path, o.text]));
  return Promise.all(
    files.map((file, i) => {
      const path = join(cache, `entry-${i}.mjs`);
      const output = result.metafile.outputs[relative(root, path).split('\\').join('/')]!;
      const inputs = Object.fromEntries(Object.keys(output.inputs).map((input) => [input, hashes[input]!]));
      return store(cache, env, file, inputs, code.get(path)!);
    }),
  );
}

async function store(cache: string, env: string, file: string, inputs: Record<string, string>, code: string): Promise<SourceModule> {
  const output = `${sha256(code)}.mjs`;
  if (!existsSync(join(cache, output))) await writeAtomically(join(cache, output), code);
  await writeAtomically(join(cache, `${sha256(file)}.json`), JSON.stringify({ file, env, inputs, output } satisfies Manifest));
  return { file, url: pathToFileURL(join(cache, output)).href, inputs };
}

/**
 * Runs a compiled module. Source maps are read while it loads, so that a place in it (a throw,
 * the caller a define function records) maps to its TypeScript source; only then, as reading
 * every package's source maps would slow loading them.
 */
export async function importSourceModule(url: string): Promise<Record<string, unknown>> {
  const mapped = process.sourceMapsEnabled;
  try {
    process.setSourceMapsEnabled(true);
    return (await import(url)) as Record<string, unknown>;
  } finally {
    process.setSourceMapsEnabled(mapped);
  }
}

function isBuildFailure(error: unknown): error is { errors: Message[] } {
  return Array.isArray((error as { errors?: unknown } | null)?.errors);
}

/**
 * The inputs of `file` as last compiled, when every one of them is unchanged: what a build needs
 * to know whether a cluster changed, without compiling it.
 */
export async function cachedInputs(root: string, file: string): Promise<Readonly<Record<string, string>> | undefined> {
  return fromCache(root, join(root, MODULE_CACHE), environment(root), file)?.inputs;
}

/** The module compiled before from the same inputs, if it is in the cache. Read in this thread, as the files are small and many. */
function fromCache(root: string, cache: string, env: string, file: string): SourceModule | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(cache, `${sha256(file)}.json`), 'utf8')) as Manifest;
    if (manifest.file !== file || manifest.env !== env || !existsSync(join(cache, manifest.output))) return undefined;
    for (const [path, hash] of Object.entries(manifest.inputs)) if (sha256(readFileSync(join(root, path))) !== hash) return undefined;
    return { file, url: pathToFileURL(join(cache, manifest.output)).href, inputs: manifest.inputs };
  } catch {
    // No manifest, or an input gone: compiled anew.
    return undefined;
  }
}

/**
 * What compiled output depends on besides the sources: the compiler, the folder (imports of
 * packages are absolute) and the installed packages (the lockfile).
 */
function environment(root: string): string {
  const compiler = createRequire(import.meta.url).resolve('esbuild/package.json');
  const version = (JSON.parse(readFileSync(compiler, 'utf8')) as { version: string }).version;
  let lockfile = '';
  try {
    lockfile = sha256(readFileSync(join(root, 'pnpm-lock.yaml')));
  } catch {
    // No lockfile: packages resolve from wherever the folder finds them; the folder is in the key.
  }
  return sha256(JSON.stringify({ version, root, lockfile }));
}

/** Reads every source file itself, so the hashes recorded are of exactly what was compiled. */
function hashSources(root: string, inputs: Record<string, string>): Plugin {
  return {
    name: 'hash-sources',
    setup(build) {
      build.onLoad({ filter: /\.([cm]?[jt]s|json)$/ }, async (args) => {
        const contents = await readFile(args.path);
        inputs[relative(root, args.path).split('\\').join('/')] = sha256(contents);
        const extension = extname(args.path);
        return { contents, loader: extension === '.json' ? 'json' : extension.endsWith('ts') ? 'ts' : 'js' };
      });
    },
  };
}

/** Leaves packages out of the bundle, imported by the URL of the file Node.js would load for them. */
function packagesAsNodeResolves(): Plugin {
  return {
    name: 'packages-as-node-resolves',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === 'resolving') return undefined;
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return { path: pathToFileURL(resolved.path).href, external: true };
      });
    },
  };
}

async function writeAtomically(path: string, content: string): Promise<void> {
  const draft = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(draft, content);
  await rename(draft, path);
}

/** An esbuild message as `file:line:column: reason`, the column counted from 1 as editors and tsc do. */
function describeMessage({ location, text }: Message): string {
  return location ? `${location.file}:${location.line}:${location.column + 1}: ${text}` : text;
}
