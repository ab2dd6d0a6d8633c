import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { compareTrees, COMMENT_LIMIT, DiffError, jsonReport, markdownParts, resolveTree, textReport, type RenderPolicy, type TreeSpec } from '@wavesmith/diff';
import { DIFF_HELP, UsageError } from './usage.js';
import type { Io } from './main.js';

/** Parsed options of a command; a repeatable option gives a list. */
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

const FORMATS = ['md', 'text', 'json'] as const;
const POLICIES = ['auto', 'always', 'never'] as const;

/** `--render-base`, checked against what is allowed. */
export function renderPolicy(values: Values, help: string): RenderPolicy {
  const policy = values['render-base'] ?? 'auto';
  if (!POLICIES.includes(policy as RenderPolicy)) throw new UsageError(`--render-base ${String(policy)}: allowed are ${POLICIES.join(', ')}`, help);
  return policy as RenderPolicy;
}

export async function runDiff(values: Values, root: string, io: Io): Promise<number> {
  const format = values.format ?? 'text';
  if (!FORMATS.includes(format as (typeof FORMATS)[number])) throw new UsageError(`--format ${String(format)}: allowed are ${FORMATS.join(', ')}`, DIFF_HELP);
  if (typeof values.head === 'string' && values.worktree) throw new UsageError('--head and --worktree exclude each other: compare with a ref or with the working tree', DIFF_HELP);
  if (values.out !== undefined && format !== 'md') throw new UsageError('--out writes Markdown parts; use it with --format md', DIFF_HELP);
  const render = renderPolicy(values, DIFF_HELP);
  const progress = (message: string) => io.err(`wavesmith: ${message}`);
  const baseSpec: TreeSpec = { kind: 'ref', ref: typeof values.base === 'string' ? values.base : 'HEAD' };
  const headSpec: TreeSpec = typeof values.head === 'string' ? { kind: 'ref', ref: values.head } : { kind: 'worktree' };
  const base = await resolveTree(baseSpec, { root, render, progress });
  const head = await resolveTree(headSpec, { root, render, progress });
  const input = { base: base.side, head: head.side, ...compareTrees(base.tree, head.tree) };
  if (format === 'json') io.out(jsonReport(input).trimEnd());
  else if (format === 'text') io.out(textReport(input));
  else {
    const parts = markdownParts(input, { limit: COMMENT_LIMIT });
    if (typeof values.out === 'string') await writeParts(resolve(io.cwd, values.out), parts, io);
    else io.out(parts.join('\n'));
  }
  return 0;
}

/** Writes part-1.md, part-2.md, ... into the folder, after removing parts of an earlier run. */
async function writeParts(dir: string, parts: readonly string[], io: Io): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    for (const name of await readdir(dir)) if (/^part-\d+\.md$/.test(name)) await rm(join(dir, name));
    for (const [i, part] of parts.entries()) await writeFile(join(dir, `part-${i + 1}.md`), part);
  } catch (error) {
    throw new DiffError(`--out ${dir}: cannot write the parts there: ${(error as Error).message}`);
  }
  const largest = Math.max(...parts.map((p) => p.length));
  io.err(`wavesmith: wrote ${parts.length} part${parts.length === 1 ? '' : 's'} to ${dir} (largest ${largest} characters, limit ${COMMENT_LIMIT})`);
}
