import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Toolchain } from '@wavesmith/compiler/build';
import type { Finding } from '@wavesmith/model/finding';
import { FINDING_FORMATS, type FindingFormat } from './findings-format.js';
import { AFFECTED_HELP, BUILD_HELP, CHECK_HELP, DIFF_HELP, DOCS_HELP, GRAPH_HELP, LIST_HELP, MAIN_HELP, UsageError, VALIDATE_HELP, VERSION, unknownName } from './usage.js';

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
import type { Values } from './diff-command.js';
const COMMON: Options = { root: { type: 'string' }, debug: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };
/** `--cluster` may be given more than once; each named cluster is included. */
const CLUSTER: Options = { cluster: { type: 'string', multiple: true } };
/** How findings are printed. */
const FORMAT: Options = { format: { type: 'string' } };

interface Command {
  readonly help: string;
  readonly options: Options;
  readonly run: (values: Values, root: string, io: Io, argv: readonly string[], toolchain: Toolchain) => Promise<number>;
}

// Each command loads what it needs when it runs, so that `--help` and a build of an unchanged
// repository start without loading the renderer.
const runAffected: Command['run'] = async (values, root, io) => (await import('./affected-command.js')).runAffected(values, root, io);
const runCheck: Command['run'] = async (values, root, io) => (await import('./check-command.js')).runCheck(values, root, io);
const runDiff: Command['run'] = async (values, root, io) => (await import('./diff-command.js')).runDiff(values, root, io);

const COMMANDS: Readonly<Record<string, Command>> = {
  build: {
    help: BUILD_HELP,
    options: { ...CLUSTER, ...FORMAT, 'no-cache': { type: 'boolean' }, wait: { type: 'string' }, shard: { type: 'string' }, merge: { type: 'boolean' } },
    run: runBuild,
  },
  list: { help: LIST_HELP, options: { json: { type: 'boolean' } }, run: runList },
  validate: { help: VALIDATE_HELP, options: { ...CLUSTER, ...FORMAT }, run: runValidate },
  graph: { help: GRAPH_HELP, options: CLUSTER, run: runGraph },
  docs: { help: DOCS_HELP, options: { check: { type: 'boolean' } }, run: runDocs },
  diff: {
    help: DIFF_HELP,
    options: { base: { type: 'string' }, head: { type: 'string' }, worktree: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' }, 'render-base': { type: 'string' } },
    run: runDiff,
  },
  affected: { help: AFFECTED_HELP, options: { base: { type: 'string' }, json: { type: 'boolean' }, 'render-base': { type: 'string' } }, run: runAffected },
  check: { help: CHECK_HELP, options: {}, run: runCheck },
};

/**
 * Runs the CLI and returns the exit code: 0 success, 1 invalid input or failed checks, 2 usage
 * error, 3 the output could not be locked or written, 4 an internal error. Never throws: every
 * failure is told in words, with the stack trace only under `--debug`.
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  let root = io.cwd;
  try {
    if (name === undefined || name === '--help' || name === '-h') {
      (name === undefined ? io.err : io.out)(MAIN_HELP);
      return name === undefined ? 2 : 0;
    }
    if (name === '--version') {
      io.out(`wavesmith ${VERSION}`);
      return 0;
    }
    const command = COMMANDS[name];
    if (!command) {
      const known = name.startsWith('-') ? ['--help', '--version'] : Object.keys(COMMANDS);
      throw new UsageError(unknownName(name.startsWith('-') ? 'option' : 'command', name, known), MAIN_HELP);
    }
    const values = parse(rest, command);
    if (values.help) {
      io.out(command.help);
      return 0;
    }
    root = findRoot(values.root, io.cwd, command.help);
    // Every command runs the compiled packages: refused when they are older than their sources.
    const { readToolchain } = await import('@wavesmith/compiler/build');
    return await command.run(values, root, io, argv, readToolchain());
  } catch (error) {
    const { describeFailure } = await import('./failure.js');
    const failure = describeFailure(error, root);
    io.err(`wavesmith: ${failure.message}`);
    if (argv.includes('--debug') && error instanceof Error) io.err(error.stack ?? String(error));
    return failure.code;
  }
}

function parse(args: readonly string[], command: Command): Values {
  const options = { ...command.options, ...COMMON };
  try {
    return parseArgs({ args: [...args], options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    const unknown = /^Unknown option '([^']+)'/.exec((error as Error).message)?.[1];
    if (unknown === undefined) throw new UsageError((error as Error).message, command.help);
    const known = Object.entries(options).flatMap(([long, o]) => [`--${long}`, ...(o.short ? [`-${o.short}`] : [])]);
    throw new UsageError(unknownName('option', unknown, known), command.help);
  }
}

function findRoot(given: Values[string], cwd: string, help: string): string {
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

/** The clusters named by `--cluster`, or undefined for all of them. */
const clusters = (values: Values) => (Array.isArray(values.cluster) ? values.cluster.map(String) : undefined);

async function runBuild(values: Values, root: string, io: Io, argv: readonly string[], toolchain: Toolchain): Promise<number> {
  const started = performance.now();
  const only = clusters(values);
  const format = findingFormat(values.format, BUILD_HELP);
  const waitMs = waitSeconds(values.wait) * 1000;
  const shard = parseShard(values.shard);
  if (shard && values.merge) throw new UsageError('--shard and --merge exclude each other: shards render into the render cache, the merge writes the output from it', BUILD_HELP);
  // With a machine-readable format, stdout holds the findings document only; people's lines go to stderr.
  const say = format === 'text' ? io.out : io.err;
  const { build, BuildCheckError } = await import('@wavesmith/compiler/build');
  let summary: Awaited<ReturnType<typeof build>>;
  try {
    summary = await build({
      root,
      toolchain,
      ...(only === undefined ? {} : { clusters: only }),
      ...(shard === undefined ? {} : { shard }),
      merge: values.merge === true,
      cache: values['no-cache'] !== true,
      waitMs,
      command: ['wavesmith', ...argv].join(' '),
      onWait: (owner) =>
        io.err(`wavesmith: waiting up to ${waitMs / 1000} s for another build to finish: process ${owner.pid} (${owner.command}), running since ${owner.since}`),
      onCluster: io.isTty
        ? (e) => say(`  ${e.cluster.padEnd(24)} ${String(e.objects).padStart(5)} objects  ${String(e.files).padStart(4)} files${e.cached ? '  (unchanged, reused)' : ''}`)
        : undefined,
    });
  } catch (error) {
    if (!(error instanceof BuildCheckError)) throw error;
    await printFindings(error.findings, error.clusters, format, root, format === 'text' ? io.err : io.out);
    io.err('wavesmith: Nothing was written.');
    return 1;
  }
  if (summary.findings.length > 0 || format !== 'text') await printFindings(summary.findings, summary.clusters, format, root, format === 'text' ? io.err : io.out);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const done = shard
    ? `${summary.rendered} rendered, ${summary.cached} already in the render cache`
    : `${summary.written} written, ${summary.unchanged} unchanged, ${summary.pruned} pruned`;
  say(`${shard ? `shard ${shard.index}/${shard.count}: ` : ''}${plural(summary.clusters, 'cluster')}, ${plural(summary.objects, 'object')}: ${done} in ${seconds}s`);
  return 0;
}

/** `--shard K/N`: slice K (from 1) of N. */
function parseShard(given: Values[string]): { index: number; count: number } | undefined {
  if (given === undefined) return undefined;
  const match = typeof given === 'string' ? /^(\d+)\/(\d+)$/.exec(given) : null;
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!(count >= 1 && index >= 1 && index <= count)) throw new UsageError(`--shard ${String(given)}: allowed: K/N with whole numbers 1 <= K <= N, such as 2/4`, BUILD_HELP);
  return { index, count };
}

function findingFormat(given: Values[string], help: string): FindingFormat {
  if (given === undefined) return 'text';
  if (typeof given === 'string' && (FINDING_FORMATS as readonly string[]).includes(given)) return given as FindingFormat;
  throw new UsageError(`--format ${String(given)}: allowed are ${FINDING_FORMATS.join(', ')}`, help);
}

/** Prints findings in a format; the text report goes through `write` as one block. */
async function printFindings(findings: readonly Finding[], clusters: number, format: FindingFormat, root: string, write: (text: string) => void): Promise<void> {
  const { githubReport, jsonReport, sarifReport, textReport } = await import('./findings-format.js');
  if (format === 'text') write(textReport(findings, clusters));
  else if (format === 'json') write(jsonReport(findings, clusters, VERSION));
  else if (format === 'sarif') {
    const { allRules, loadRegistry } = await import('@wavesmith/compiler');
    write(sarifReport(findings, allRules(await loadRegistry(root)), VERSION));
  } else {
    const annotations = githubReport(findings);
    if (annotations !== '') write(annotations);
  }
}

function waitSeconds(given: Values[string]): number {
  if (given === undefined) return 60;
  const seconds = Number(given);
  if (typeof given !== 'string' || given.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new UsageError(`--wait ${String(given)}: allowed: a number of seconds >= 0`, BUILD_HELP);
  }
  return seconds;
}

async function runList(values: Values, root: string, io: Io): Promise<number> {
  const [{ loadRegistry }, { loadClusters }] = await Promise.all([import('@wavesmith/compiler'), import('@wavesmith/model')]);
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

async function runValidate(values: Values, root: string, io: Io): Promise<number> {
  const format = findingFormat(values.format, VALIDATE_HELP);
  const [{ recoverOutput, validateFleet }, { isBlocking }] = await Promise.all([import('@wavesmith/compiler'), import('@wavesmith/model/finding')]);
  // A reader of the repository: a write a crashed build left half done is finished first.
  const recovered = await recoverOutput(root);
  if (recovered === 'rolled-forward') io.err('wavesmith: finished writing the output of a build that was interrupted');
  if (recovered === 'rolled-back') io.err('wavesmith: discarded the unfinished write of a build that was interrupted; the output is as before it');
  const only = clusters(values);
  const check = await validateFleet(root, only === undefined ? {} : { only });
  const failed = check.findings.some(isBlocking);
  if (format !== 'text' || check.findings.length > 0) await printFindings(check.findings, check.clusters, format, root, io.out);
  if (format === 'text' && check.findings.length === 0) {
    io.out(`${check.clusters} cluster${check.clusters === 1 ? '' : 's'} valid: ${check.passed.map((c) => c.cluster.name).join(', ')} (${check.objects} objects rendered and checked, nothing written)`);
  }
  return failed ? 1 : 0;
}

async function runGraph(values: Values, root: string, io: Io): Promise<number> {
  const [{ clusterGraph, loadRegistry }, { loadClusters }] = await Promise.all([import('@wavesmith/compiler'), import('@wavesmith/model')]);
  const only = clusters(values);
  const registry = await loadRegistry(root);
  const loaded = await loadClusters(root, registry, only === undefined ? {} : { only });
  for (const { spec } of loaded) io.out(`%% ${spec.name}\n${clusterGraph(spec, registry)}`);
  return 0;
}

async function runDocs(values: Values, root: string, io: Io): Promise<number> {
  const { loadRegistry, writeReference } = await import('@wavesmith/compiler');
  const check = values.check === true;
  const changed = await writeReference(root, await loadRegistry(root), { check });
  if (check && changed.length > 0) {
    io.err(`wavesmith: the reference is out of date; run 'corepack pnpm wavesmith docs' and commit:\n${changed.map((f) => `  ${f}`).join('\n')}`);
    return 1;
  }
  io.out(changed.length === 0 ? 'reference up to date' : `${check ? 'would write' : 'wrote'} ${changed.join(', ')}`);
  return 0;
}
