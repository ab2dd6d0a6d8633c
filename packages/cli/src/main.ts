import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { build, BuildCheckError, clusterGraph, loadRegistry, writeReference } from '@wavesmith/compiler';
import { DiffError } from '@wavesmith/diff';
import { ClusterSpecError, loadClusters } from '@wavesmith/model';
import { runAffected } from './affected-command.js';
import { runCheck } from './check-command.js';
import { runDiff } from './diff-command.js';
import { AFFECTED_HELP, BUILD_HELP, CHECK_HELP, DIFF_HELP, DOCS_HELP, GRAPH_HELP, LIST_HELP, MAIN_HELP, UsageError, VALIDATE_HELP } from './usage.js';

/** Where the CLI writes; injectable so tests can capture it. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly isTty: boolean;
  readonly cwd: string;
}

const processIo: Io = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  isTty: process.stdout.isTTY === true,
  cwd: process.cwd(),
};

type Options = NonNullable<ParseArgsConfig['options']>;
const COMMON: Options = { root: { type: 'string' }, help: { type: 'boolean', short: 'h' } };

interface Command {
  readonly help: string;
  readonly options: Options;
  readonly run: (values: Record<string, string | boolean | undefined>, root: string, io: Io) => Promise<number>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  build: { help: BUILD_HELP, options: { cluster: { type: 'string' }, 'no-cache': { type: 'boolean' } }, run: runBuild },
  list: { help: LIST_HELP, options: { json: { type: 'boolean' } }, run: runList },
  validate: { help: VALIDATE_HELP, options: { cluster: { type: 'string' } }, run: runValidate },
  graph: { help: GRAPH_HELP, options: { cluster: { type: 'string' } }, run: runGraph },
  docs: { help: DOCS_HELP, options: { check: { type: 'boolean' } }, run: runDocs },
  diff: {
    help: DIFF_HELP,
    options: { base: { type: 'string' }, head: { type: 'string' }, worktree: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' }, 'render-base': { type: 'string' } },
    run: runDiff,
  },
  affected: { help: AFFECTED_HELP, options: { base: { type: 'string' }, json: { type: 'boolean' }, 'render-base': { type: 'string' } }, run: runAffected },
  check: { help: CHECK_HELP, options: {}, run: runCheck },
};

/** Runs the CLI and returns the exit code: 0 success, 1 invalid input or failed checks, 2 usage error. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h') {
      (name === undefined ? io.err : io.out)(MAIN_HELP);
      return name === undefined ? 2 : 0;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command "${name}"; the commands are ${Object.keys(COMMANDS).join(', ')}`, MAIN_HELP);
    const values = parse(rest, command);
    if (values.help) {
      io.out(command.help);
      return 0;
    }
    return await command.run(values, findRoot(values.root, io.cwd, command.help), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`wavesmith: ${error.message}\n\n${error.help}`);
      return 2;
    }
    if (error instanceof ClusterSpecError || error instanceof BuildCheckError) {
      io.err(`wavesmith: ${error.message}\nNothing was written.`);
      return 1;
    }
    if (error instanceof DiffError) {
      io.err(`wavesmith: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

function parse(args: readonly string[], command: Command): Record<string, string | boolean | undefined> {
  try {
    // No option is declared `multiple`, so no value is an array.
    return parseArgs({ args: [...args], options: { ...COMMON, ...command.options }, allowPositionals: false, strict: true }).values as Record<
      string,
      string | boolean | undefined
    >;
  } catch (error) {
    throw new UsageError((error as Error).message, command.help);
  }
}

function findRoot(given: string | boolean | undefined, cwd: string, help: string): string {
  if (typeof given === 'string') {
    const root = resolve(cwd, given);
    if (!existsSync(join(root, 'clusters'))) throw new UsageError(`--root ${given}: no clusters/ folder there`, help);
    return root;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'clusters')) && existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) throw new UsageError('no repository root found above the current folder (a folder with clusters/ and pnpm-workspace.yaml); pass --root', help);
  }
}

const cluster = (values: Record<string, string | boolean | undefined>) => (typeof values.cluster === 'string' ? values.cluster : undefined);

async function runBuild(values: Record<string, string | boolean | undefined>, root: string, io: Io): Promise<number> {
  const started = performance.now();
  const only = cluster(values);
  const summary = await build({
    root,
    ...(only === undefined ? {} : { cluster: only }),
    cache: values['no-cache'] !== true,
    onCluster: io.isTty
      ? (e) => io.out(`  ${e.cluster.padEnd(24)} ${String(e.objects).padStart(5)} objects  ${String(e.files).padStart(4)} files${e.cached ? '  (unchanged, reused)' : ''}`)
      : undefined,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  io.out(
    `${plural(summary.clusters, 'cluster')}, ${plural(summary.objects, 'object')}: ${summary.written} written, ${summary.unchanged} unchanged, ${summary.pruned} pruned in ${seconds}s`,
  );
  return 0;
}

async function runList(values: Record<string, string | boolean | undefined>, root: string, io: Io): Promise<number> {
  const clusters = await loadClusters(root, await loadRegistry(root));
  const rows = clusters.map(({ spec, file }) => ({
    name: spec.name,
    environment: spec.environment,
    distribution: `${spec.distribution} ${spec.kubernetesVersion}`,
    cloud: `${spec.provider.cloud} ${spec.provider.region}`,
    platform: spec.platform.length,
    apps: spec.apps.length,
    file,
  }));
  if (values.json) {
    io.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  const header = { name: 'CLUSTER', environment: 'ENV', distribution: 'DISTRIBUTION', cloud: 'CLOUD', platform: 'PLATFORM', apps: 'APPS', file: 'FILE' };
  const table = [header, ...rows].map((r) => Object.values(r).map(String));
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) io.out(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  return 0;
}

async function runValidate(values: Record<string, string | boolean | undefined>, root: string, io: Io): Promise<number> {
  const only = cluster(values);
  const clusters = await loadClusters(root, await loadRegistry(root), only === undefined ? {} : { only });
  io.out(`${clusters.length} cluster${clusters.length === 1 ? '' : 's'} valid: ${clusters.map((c) => c.spec.name).join(', ')}`);
  return 0;
}

async function runGraph(values: Record<string, string | boolean | undefined>, root: string, io: Io): Promise<number> {
  const only = cluster(values);
  const registry = await loadRegistry(root);
  const clusters = await loadClusters(root, registry, only === undefined ? {} : { only });
  for (const { spec } of clusters) io.out(`%% ${spec.name}\n${clusterGraph(spec, registry)}`);
  return 0;
}

async function runDocs(values: Record<string, string | boolean | undefined>, root: string, io: Io): Promise<number> {
  const check = values.check === true;
  const changed = await writeReference(root, await loadRegistry(root), { check });
  if (check && changed.length > 0) {
    io.err(`wavesmith: the reference is out of date; run 'corepack pnpm wavesmith docs' and commit:\n${changed.map((f) => `  ${f}`).join('\n')}`);
    return 1;
  }
  io.out(changed.length === 0 ? 'reference up to date' : `${check ? 'would write' : 'wrote'} ${changed.join(', ')}`);
  return 0;
}
