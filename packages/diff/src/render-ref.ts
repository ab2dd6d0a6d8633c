import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTree } from '@wavesmith/compiler';
import { DiffError } from './diff-error.js';
import { git } from './git.js';

/** Told what is being done, for progress on a terminal or in CI logs. */
export type Progress = (message: string) => void;

/** Lines of a failed command's output quoted in the error. */
const TAIL_LINES = 25;

function run(command: string, args: readonly string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, [...args], {
      cwd,
      env: { ...process.env, COREPACK_ENABLE_DOWNLOAD_PROMPT: '0', TURBO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', (e) => done({ code: -1, output: e.message }));
    child.on('close', (code) => done({ code: code ?? -1, output }));
  });
}

/**
 * Renders a commit from its own sources: checks it out in a temporary git worktree, installs its
 * own locked dependencies and runs its own `wavesmith build`, so the output is what that commit's
 * code makes of that commit's clusters. Nothing of the caller's checkout is used or touched; the
 * worktree is removed afterwards, also on failure.
 */
export async function renderCommit(top: string, prefix: string, commit: string, label: string, progress: Progress = () => {}): Promise<Map<string, string>> {
  const scratch = await mkdtemp(join(tmpdir(), 'wavesmith-render-'));
  const worktree = join(scratch, 'worktree');
  await git(top, ['worktree', 'add', '--detach', '--quiet', worktree, commit]);
  try {
    const root = prefix === '' ? worktree : join(worktree, prefix);
    const steps: [string, string[]][] = [
      ['corepack', ['pnpm', 'install', '--frozen-lockfile', '--prefer-offline', '--reporter=silent']],
      ['corepack', ['pnpm', 'exec', 'wavesmith', 'build', '--root', root, '--no-cache']],
    ];
    for (const [command, args] of steps) {
      progress(`${label}: ${command} ${args.join(' ')}`);
      const { code, output } = await run(command, args, root);
      if (code !== 0) {
        const tail = output.trimEnd().split('\n').slice(-TAIL_LINES).join('\n');
        throw new DiffError(`could not render ${label} (${commit.slice(0, 12)}) from its own sources: \`${command} ${args.join(' ')}\` exited with ${code}:\n${tail}`);
      }
    }
    return await readTree(root);
  } finally {
    await git(top, ['worktree', 'remove', '--force', worktree]).catch(() => undefined);
    await rm(scratch, { recursive: true, force: true });
    await git(top, ['worktree', 'prune']).catch(() => undefined);
  }
}
