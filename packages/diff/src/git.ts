import { execFile, spawn } from 'node:child_process';
import { relative, resolve } from 'node:path';
import { DiffError } from './diff-error.js';

/** Runs git in a folder and returns its standard output; a failure names the command and git's own message. */
export function git(cwd: string, args: readonly string[]): Promise<string> {
  return new Promise((done, fail) => {
    execFile('git', [...args], { cwd, maxBuffer: 1 << 30, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) fail(new DiffError(`git ${args.join(' ')} failed in ${cwd}: ${(stderr || error.message).trim()}`));
      else done(stdout);
    });
  });
}

/** The repository holding `root`, and the path of `root` within it (`` when it is the top). */
export async function repositoryOf(root: string): Promise<{ top: string; prefix: string }> {
  let top: string;
  try {
    top = (await git(root, ['rev-parse', '--show-toplevel'])).trim();
  } catch {
    throw new DiffError(`${root} is not inside a git repository; comparing refs needs one (or give --head/--base as folders)`);
  }
  const prefix = relative(resolve(top), resolve(root)).split('\\').join('/');
  return { top, prefix };
}

/** The commit a ref names; an unknown ref is an error that says so. */
export async function resolveCommit(top: string, ref: string): Promise<string> {
  try {
    return (await git(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
  } catch {
    throw new DiffError(`--base/--head ${ref}: no such commit, branch or tag in ${top} (a shallow clone may lack it: fetch with depth 0)`);
  }
}

export async function isAncestor(top: string, ancestor: string, commit: string): Promise<boolean> {
  return new Promise((done) => execFile('git', ['merge-base', '--is-ancestor', ancestor, commit], { cwd: top }, (error) => done(!error)));
}

/** Files under the given folders at a commit, by path relative to `prefix` (the Wavesmith root within the repository). */
export async function filesAtCommit(top: string, prefix: string, commit: string, folders: readonly string[]): Promise<Map<string, string>> {
  const under = (p: string) => (prefix === '' ? p : `${prefix}/${p}`);
  const listing = await git(top, ['ls-tree', '-r', '-z', '--name-only', commit, '--', ...folders.map(under)]);
  const paths = listing.split('\0').filter(Boolean).sort();
  const contents = await catFiles(top, paths.map((p) => `${commit}:${p}`));
  return new Map(paths.map((p, i) => [prefix === '' ? p : p.slice(prefix.length + 1), contents[i]!]));
}

/** Reads many blobs through one `git cat-file --batch`. */
function catFiles(top: string, objects: readonly string[]): Promise<string[]> {
  if (objects.length === 0) return Promise.resolve([]);
  return new Promise((done, fail) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: top });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (e) => fail(new DiffError(`git cat-file failed: ${e.message}`)));
    child.on('close', (code) => {
      if (code !== 0) return fail(new DiffError(`git cat-file --batch failed: ${stderr.trim()}`));
      const all = Buffer.concat(chunks);
      const out: string[] = [];
      let at = 0;
      for (const object of objects) {
        const eol = all.indexOf(10, at);
        const header = all.subarray(at, eol).toString();
        const size = Number(header.split(' ')[2]);
        if (header.endsWith(' missing') || Number.isNaN(size)) return fail(new DiffError(`git cat-file: ${object} is missing`));
        out.push(all.subarray(eol + 1, eol + 1 + size).toString('utf8'));
        at = eol + 1 + size + 1;
      }
      done(out);
    });
    child.stdin.end(objects.map((o) => `${o}\n`).join(''));
  });
}

/** The last commit at or before `commit` that touched any of the pathspecs, if any. */
export async function lastCommitTouching(top: string, commit: string, pathspecs: readonly string[]): Promise<string | undefined> {
  const out = (await git(top, ['log', '-1', '--format=%H', commit, '--', ...pathspecs])).trim();
  return out === '' ? undefined : out;
}
