import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repo } from './repo-copy.js';

export interface ScratchRepo {
  readonly root: string;
  git(...args: string[]): string;
  edit(file: string, from: string, to: string): Promise<void>;
  write(file: string, content: string): Promise<void>;
}

const SKIP = new Set(['node_modules', 'test', '.turbo']);

/**
 * A real git repository holding a copy of this workspace (sources, lockfile and the committed
 * output of the chosen clusters only), committed once. It lives under .test-roots/ so that cluster
 * files rendered in place resolve the workspace's installed packages.
 */
export async function scratchRepo(name: string, clusters: readonly string[]): Promise<ScratchRepo> {
  await mkdir(join(repo, '.test-roots'), { recursive: true });
  const root = await mkdtemp(join(repo, '.test-roots', `${name}-`));
  const copy = (path: string) => cp(join(repo, path), join(root, path), { recursive: true, filter: (src) => !src.split('/').some((part) => SKIP.has(part)) });
  for (const file of ['package.json', 'pnpm-workspace.yaml', 'pnpm-lock.yaml', 'tsconfig.base.json', 'turbo.json', '.gitignore', 'packages', 'apps']) await copy(file);
  await mkdir(join(root, 'clusters'));
  for (const entry of await readdir(join(repo, 'clusters'))) {
    if (entry.endsWith('.ts') && !clusters.includes(entry.slice(0, -3))) continue;
    if (!SKIP.has(entry)) await copy(`clusters/${entry}`);
  }
  for (const cluster of clusters) {
    await copy(`dist/${cluster}`);
    await copy(`argocd-apps/${cluster}.yaml`);
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' } });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'test');
  git('config', 'commit.gpgsign', 'false');
  git('add', '-A');
  git('commit', '-q', '-m', 'base: sources and their rendered output');
  // Ignored (so never committed, cleaned or checked out in a worktree) links to the workspace's
  // installed dependencies, so that the apps load when clusters are rendered in place.
  await writeFile(join(root, '.git', 'info', 'exclude'), 'node_modules\n');
  for (const app of await readdir(join(root, 'apps'))) await symlink(join(repo, 'apps', app, 'node_modules'), join(root, 'apps', app, 'node_modules'));
  return {
    root,
    git,
    async edit(file, from, to) {
      const text = await readFile(join(root, file), 'utf8');
      if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
      await writeFile(join(root, file), text.replace(from, to));
    },
    async write(file, content) {
      await mkdir(join(root, file, '..'), { recursive: true });
      await writeFile(join(root, file), content);
    },
  };
}
