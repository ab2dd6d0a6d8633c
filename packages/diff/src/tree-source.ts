import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { BuildCheckError, readTree, validateFleet } from '@wavesmith/compiler';
import { isBlocking } from '@wavesmith/model';
import { DiffError } from './diff-error.js';
import { filesAtCommit, git, isAncestor, lastCommitTouching, repositoryOf, resolveCommit } from './git.js';
import { renderCommit, type Progress } from './render-ref.js';
import type { TreeSide } from './tree-side.js';

/** What to compare: the output at a git ref, the working tree's sources, or a folder of rendered files. */
export type TreeSpec = { readonly kind: 'ref'; readonly ref: string } | { readonly kind: 'worktree' } | { readonly kind: 'folder'; readonly path: string };

/** When to render a ref from its own sources instead of reading its committed output. auto: when that output is missing or stale. */
export type RenderPolicy = 'auto' | 'always' | 'never';

export interface ResolveOptions {
  /** Repository root of Wavesmith (holds clusters/). */
  readonly root: string;
  /** @default 'auto' */
  readonly render?: RenderPolicy;
  readonly progress?: Progress;
}

export interface ResolvedTree {
  readonly tree: ReadonlyMap<string, string>;
  readonly side: TreeSide;
}

/** The folders of the output contract. */
export const OUTPUT_FOLDERS = ['dist', 'argocd-apps'] as const;

/**
 * Source paths whose change can change what a commit renders (the same inputs the render cache
 * hashes: cluster files, our packages' and apps' sources, the lockfile), as git pathspecs.
 */
export const SOURCE_PATHSPECS = [
  'clusters',
  ':(glob)packages/*/src/**',
  ':(glob)packages/*/package.json',
  ':(glob)apps/*/src/**',
  ':(glob)apps/*/package.json',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  'package.json',
] as const;

const withPrefix = (prefix: string, spec: string) => {
  if (prefix === '') return spec;
  return spec.startsWith(':(glob)') ? `:(glob)${prefix}/${spec.slice(':(glob)'.length)}` : `${prefix}/${spec}`;
};

/**
 * Whether the output committed at a commit can be trusted: it is missing when there is none, and
 * stale when a source changed in a commit that is not an ancestor of (or equal to) the last commit
 * that wrote the output — the output was not rebuilt after that change.
 */
export async function committedOutputState(top: string, prefix: string, commit: string): Promise<{ state: 'fresh' | 'stale' | 'missing'; reason?: string }> {
  const folders = OUTPUT_FOLDERS.map((f) => withPrefix(prefix, f));
  const present = (await git(top, ['ls-tree', '--name-only', commit, '--', ...folders])).trim() !== '';
  const output = present ? await lastCommitTouching(top, commit, folders) : undefined;
  if (output === undefined) return { state: 'missing', reason: 'it has no committed dist/ or argocd-apps/' };
  const source = await lastCommitTouching(top, commit, SOURCE_PATHSPECS.map((s) => withPrefix(prefix, s)));
  if (source === undefined || (await isAncestor(top, source, output))) return { state: 'fresh' };
  return { state: 'stale', reason: `its sources changed in ${source.slice(0, 12)}, after its output was last committed in ${output.slice(0, 12)}` };
}

/** Renders the working tree's clusters in memory (nothing is written); the findings of every cluster are reported together. */
export async function renderWorktree(root: string): Promise<Map<string, string>> {
  const check = await validateFleet(root);
  if (check.findings.some(isBlocking)) throw new BuildCheckError(check.findings, check.clusters);
  return new Map(check.passed.flatMap((c) => c.files.map((f) => [f.path, f.content] as const)));
}

export async function resolveTree(spec: TreeSpec, options: ResolveOptions): Promise<ResolvedTree> {
  if (spec.kind === 'worktree') return { tree: await renderWorktree(options.root), side: { label: 'working tree', origin: 'worktree' } };
  if (spec.kind === 'folder') {
    const path = resolve(options.root, spec.path);
    if (!existsSync(path)) throw new DiffError(`${spec.path}: no such folder`);
    return { tree: await readTree(path), side: { label: spec.path, origin: 'folder' } };
  }
  const { top, prefix } = await repositoryOf(options.root);
  const commit = await resolveCommit(top, spec.ref);
  const policy = options.render ?? 'auto';
  const { state, reason } = policy === 'always' ? { state: 'stale' as const, reason: '--render-base always was given' } : await committedOutputState(top, prefix, commit);
  if (state === 'fresh' || policy === 'never') {
    if (state === 'missing') throw new DiffError(`${spec.ref} has no committed dist/ or argocd-apps/, and rendering it was turned off (--render-base never)`);
    const tree = await filesAtCommit(top, prefix, commit, OUTPUT_FOLDERS);
    return { tree, side: { label: spec.ref, commit, origin: 'committed', ...(state === 'stale' ? { reason: `${reason} (not rendered: --render-base never)` } : {}) } };
  }
  options.progress?.(`rendering ${spec.ref} from its own sources: ${reason}`);
  const tree = await renderCommit(top, prefix, commit, spec.ref, options.progress);
  return { tree, side: { label: spec.ref, commit, origin: 'rendered', ...(reason ? { reason } : {}) } };
}
