import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireOutputLock, readTree, writeOutput } from '@wavesmith/compiler';
import { main, type Io } from '../src/main.js';
import { MAIN_HELP } from '../src/usage.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

function run(argv: string[], cwd = repo, isTty = false): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), isTty, cwd };
  return main(argv, io).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}

/** Runs the real command in a process of its own, as a user would. */
function spawnCli(command: string, args: string[], onErr?: (text: string) => void): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(command, args, { cwd: repo, env: { ...process.env, COREPACK_ENABLE_DOWNLOAD_PROMPT: '0' } });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => {
    err.push(chunk);
    onErr?.(Buffer.concat(err).toString());
  });
  return new Promise((done) => child.on('close', (code) => done({ code, out: Buffer.concat(out).toString(), err: Buffer.concat(err).toString() })));
}
const wavesmith = join(repo, 'packages/cli/bin/wavesmith.js');

describe('usage', () => {
  it('prints help and exits 0 for --help', async () => {
    expect(await run(['--help'])).toEqual({ code: 0, out: MAIN_HELP, err: '' });
  });

  it('fails with exit code 2 and the help when no command is given', async () => {
    expect(await run([])).toMatchObject({ code: 2, err: MAIN_HELP });
  });

  it('fails with exit code 2 on an unknown command, naming the known ones', async () => {
    const result = await run(['deploy']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('unknown command "deploy"; the commands are build, list, validate, graph, docs, diff, affected, check');
  });

  it('fails on a mistyped command, suggesting the command meant', async () => {
    const result = await run(['biuld']);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')[0]).toBe('wavesmith: unknown command "biuld"; did you mean "build"? the commands are build, list, validate, graph, docs, diff, affected, check');
  });

  it('fails on a mistyped option, suggesting the option meant and printing the command help', async () => {
    const result = await run(['build', '--clustr', 'x']);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')[0]).toBe(
      'wavesmith: unknown option "--clustr"; did you mean "--cluster"? the options are --cluster, --format, --no-cache, --wait, --shard, --merge, --root, --debug, --help, -h',
    );
    expect(result.err).toContain('Usage: wavesmith build');
    expect((await run(['--verison'])).err.split('\n')[0]).toBe('wavesmith: unknown option "--verison"; did you mean "--version"? the options are --help, --version');
    expect((await run(['list', '--jsno=true'])).err.split('\n')[0]).toContain('unknown option "--jsno"; did you mean "--json"?');
  });

  it('prints its version', async () => {
    const { version } = JSON.parse(await readFile(join(repo, 'packages/cli/package.json'), 'utf8')) as { version: string };
    expect(await run(['--version'])).toEqual({ code: 0, out: `wavesmith ${version}`, err: '' });
  });

  it.each([
    [['build', '--shard', '3/2'], '--shard 3/2: allowed: K/N with whole numbers 1 <= K <= N, such as 2/4'],
    [['build', '--shard', 'half'], '--shard half: allowed: K/N with whole numbers 1 <= K <= N, such as 2/4'],
    [['build', '--shard', '1/2', '--merge'], '--shard and --merge exclude each other'],
  ])('fails with exit code 2 on %j, saying what is allowed', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')[0]).toBe(`wavesmith: ${message}${message.includes('exclude') ? ': shards render into the render cache, the merge writes the output from it' : ''}`);
  });

  it('fails with exit code 2 on a wait that is not a number of seconds', async () => {
    const result = await run(['build', '--wait', 'soon']);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')[0]).toBe('wavesmith: --wait soon: allowed: a number of seconds >= 0');
  });

  it.each(['build', 'list', 'validate', 'graph', 'docs', 'diff', 'affected', 'check'])('prints the help of %s and exits 0', async (command) => {
    const result = await run([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(new RegExp(`^Usage: wavesmith ${command}`));
  });
});

describe('list and validate', () => {
  it('lists every cluster of the repository', async () => {
    const result = await run(['list', '--json']);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.out) as { name: string; file: string }[];
    expect(rows.map((r) => r.name)).toContain('tbyte-dev');
    expect(rows.find((r) => r.name === 'tbyte-dev')).toMatchObject({ environment: 'dev', distribution: 'eks 1.33', file: 'clusters/tbyte-dev.ts' });
  });

  it('prints a table with a header row', async () => {
    const { out } = await run(['list']);
    expect(out.split('\n')[0]).toMatch(/^CLUSTER\s+ENV\s+DISTRIBUTION\s+CLOUD\s+PLATFORM\s+APPS\s+FILE$/);
  });

  it('prints the sync waves of a cluster as Mermaid, Argo CD first', async () => {
    const result = await run(['graph', '--cluster', 'tbyte-dev']);
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines.slice(0, 3)).toEqual(['%% tbyte-dev', 'flowchart LR', '  subgraph wave_0["wave 0"]']);
    expect(lines[3]).toContain('argocd');
    expect(result.out).toContain('c_keda -->|keda.sh/ScaledObject| c_tbyte_backend');
  });

  it('fails with exit code 1 for an unknown cluster, listing the known ones', async () => {
    const result = await run(['validate', '--cluster', 'nope']);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^ {4}clusters\/: error \[cluster-unknown\] got "nope"; allowed: one of the clusters in clusters\/: .*tbyte-dev/m);
  });

  it('suggests the cluster meant for a mistyped name', async () => {
    const result = await run(['graph', '--cluster', 'tbyte-dve']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('got "tbyte-dve"; allowed: did you mean "tbyte-dev"? one of the clusters in clusters/:');
  });

  it('takes --cluster more than once, for each cluster named', async () => {
    const result = await run(['graph', '--cluster', 'tbyte-dev', '--cluster', 'kubeadm-lab']);
    expect(result.code).toBe(0);
    expect(result.out.split('\n').filter((l) => l.startsWith('%% '))).toEqual(['%% kubeadm-lab', '%% tbyte-dev']);
  });

  it('stops quietly when the reader of its output goes away', async () => {
    const child = spawn(process.execPath, [wavesmith, 'graph'], { cwd: repo });
    child.stdout.destroy(); // like `wavesmith graph | head -0`
    const err: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    expect(await new Promise((done) => child.on('close', done))).toBe(0);
    expect(Buffer.concat(err).toString()).toBe('');
  }, 120_000);

  it.each([
    ['pnpm', ['wavesmith', 'list', '--json']],
    ['pnpm', ['-s', 'wavesmith', 'list', '--json']],
    ['pnpm', ['exec', 'wavesmith', 'list', '--json']],
  ])('prints pure JSON on stdout through %s %s', async (command, args) => {
    const result = await spawnCli(join(repo, 'node_modules/.bin', command), args);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.out) as { name: string }[];
    expect(rows.map((r) => r.name)).toContain('tbyte-dev');
  }, 120_000);
});

/** A scratch repository inside this one (so cluster files resolve @wavesmith/model) holding a copy of clusters/ and this repository's apps. */
describe('build', () => {
  let root: string;
  const tree = async () => Object.fromEntries(await readTree(root));

  beforeAll(async () => {
    await mkdir(join(repo, '.test-roots'), { recursive: true });
    root = await mkdtemp(join(repo, '.test-roots', 'cli-'));
    await cp(join(repo, 'clusters'), join(root, 'clusters'), { recursive: true, filter: (src) => !src.includes('/test') });
    await symlink(join(repo, 'apps'), join(root, 'apps'));
    await writeFile(join(root, 'package.json'), '{ "type": "module" }\n');
    await writeFile(join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('renders every cluster and ends with one summary line', async () => {
    const result = await run(['build', '--root', root, '--no-cache']);
    // Waived findings are reported, never errors or warnings: the fleet's one waiver is production-cluster's Valkey cache.
    expect(result.err).toMatch(/\n8 clusters checked: 0 errors, 0 warnings, 1 waived$/);
    expect(result.err).toContain('waived [cloud-resource-unused] /cloud/caches/0/name');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^\d+ clusters, \d+ objects: \d+ written, 0 unchanged, 0 pruned in \d+\.\d\ds$/);
    const files = Object.keys(await tree());
    expect(files).toContain('argocd-apps/tbyte-dev.yaml');
    expect(files).toContain('dist/tbyte-dev/terraform/main.tf.json');
    expect(files).toContain('dist/tbyte-dev/inventory.json');
    expect(files).toContain('dist/tbyte-dev/README.md');
  });

  it('gives byte-identical output when built again from scratch', async () => {
    const first = await tree();
    const result = await run(['build', '--root', root, '--no-cache']);
    expect(result.out).toMatch(/: 0 written, \d+ unchanged, 0 pruned in/);
    expect(await tree()).toEqual(first);
  });

  it('shows progress per cluster on a terminal and reuses unchanged clusters', async () => {
    const result = await run(['build', '--root', root], repo, true);
    const lines = result.out.split('\n');
    expect(lines.find((l) => l.trim().startsWith('tbyte-dev'))).toMatch(/tbyte-dev\s+\d+ objects\s+\d+ files {2}\(unchanged, reused\)$/);
    expect(lines.at(-1)).toMatch(/^\d+ clusters, .* 0 written/);
  });

  it('builds each cluster named by a repeated --cluster', async () => {
    const result = await run(['build', '--root', root, '--cluster', 'tbyte-dev', '--cluster', 'kubeadm-lab', '--no-cache']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^2 clusters, \d+ objects: 0 written, \d+ unchanged, 0 pruned in/);
  });

  it('runs two builds of different clusters at once in two processes, one after the other, and loses nothing', async () => {
    const before = await tree();
    for (const cluster of ['tbyte-dev', 'kubeadm-lab']) {
      await rm(join(root, 'dist', cluster), { recursive: true });
      await rm(join(root, 'argocd-apps', `${cluster}.yaml`));
    }
    const held = await acquireOutputLock(root, { command: 'the test' });
    const waiting = new Set<string>();
    const builds = ['tbyte-dev', 'kubeadm-lab'].map((cluster) =>
      spawnCli(process.execPath, [wavesmith, 'build', '--root', root, '--cluster', cluster], (err) => {
        if (err.includes('waiting')) waiting.add(cluster);
      }),
    );
    while (waiting.size < 2) await new Promise((done) => setTimeout(done, 20));
    await held.release();
    const results = await Promise.all(builds);
    for (const result of results) {
      expect(result.code).toBe(0);
      expect(result.err).toContain(`wavesmith: waiting up to 60 s for another build to finish: process ${process.pid} (the test), running since ${held.owner.since}`);
      expect(result.out).toMatch(/^1 cluster, \d+ objects: \d+ written, 0 unchanged, 0 pruned in/);
    }
    expect(await tree()).toEqual(before);
  }, 120_000);

  it('fails with exit code 3 naming the build that holds the lock, and writes nothing', async () => {
    const before = await tree();
    await rm(join(root, 'dist/tbyte-dev/README.md'));
    const held = await acquireOutputLock(root, { command: 'wavesmith build --cluster vet-rke2-dev' });
    try {
      const result = await run(['build', '--root', root, '--wait', '0']);
      expect(result.code).toBe(3);
      expect(result.err).toBe(
        `wavesmith: another build holds .wavesmith-lock: process ${process.pid} (wavesmith build --cluster vet-rke2-dev), since ${held.owner.since}; ` +
          `waited 0 s. Let it finish (or stop process ${process.pid}) and run again, or wait longer with --wait SECONDS. Nothing was written.`,
      );
      expect(await tree()).toEqual(Object.fromEntries(Object.entries(before).filter(([p]) => p !== 'dist/tbyte-dev/README.md')));
    } finally {
      await held.release();
    }
    expect((await run(['build', '--root', root])).out).toMatch(/: 1 written, /);
  });

  it('fails with exit code 3 naming the path the file system refused, with the stack trace only under --debug', async () => {
    await rename(join(root, 'dist'), join(root, 'dist-aside'));
    await writeFile(join(root, 'dist'), 'not a folder');
    try {
      const result = await run(['build', '--root', root]);
      expect(result).toEqual({ code: 3, out: '', err: 'wavesmith: cannot list the folder dist: a file stands where a folder is needed (ENOTDIR)' });
      const debug = await run(['build', '--root', root, '--debug']);
      expect(debug.code).toBe(3);
      expect(debug.err).toMatch(/^wavesmith: cannot list the folder dist: .*\nError: ENOTDIR: not a directory, scandir '.*\/dist'\n {4}at /);
    } finally {
      await rm(join(root, 'dist'));
      await rename(join(root, 'dist-aside'), join(root, 'dist'));
    }
  });

  it('finishes, on validate, a write that a build left half done', async () => {
    const before = await tree();
    const crash = (step: string) => {
      if (step === 'committed') throw new Error('killed');
    };
    const write = writeOutput(root, { files: new Map([['dist/tbyte-dev/README.md', 'interrupted']]), scopes: [] }, { afterStep: crash });
    await expect(write).rejects.toThrow('killed');
    expect(await tree()).toEqual(before);
    const result = await run(['validate', '--root', root, '--cluster', 'tbyte-dev']);
    expect(result).toEqual({
      code: 0,
      out: expect.stringMatching(/^1 cluster valid: tbyte-dev \(\d+ objects rendered and checked, nothing written\)$/),
      err: 'wavesmith: finished writing the output of a build that was interrupted',
    });
    expect((await tree())['dist/tbyte-dev/README.md']).toBe('interrupted');
    expect((await run(['build', '--root', root])).out).toMatch(/: 1 written, /);
    expect(await tree()).toEqual(before);
  });

  it('reports a cluster file that throws at its source line also from the command itself, where Node maps the stack', async () => {
    const file = join(root, 'clusters/tbyte-dev.ts');
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace("environment: 'dev',", "environment: (() => { throw new Error('no environment yet'); })(),"));
    try {
      const result = await spawnCli(process.execPath, [wavesmith, 'validate', '--root', root]);
      expect(result.code).toBe(1);
      expect(result.out).toContain('clusters/tbyte-dev.ts:6:31: error [cluster-file-load] got "no environment yet (at clusters/tbyte-dev.ts:6:31)"');
    } finally {
      await writeFile(file, original);
    }
  }, 120_000);

  const DEV = 'clusters/tbyte-dev.ts';
  const PROFILE = 'clusters/profiles/tbyte.ts';
  // Each names its rule and the line of the cluster or profile file that wrote the value.
  const invalid: [what: string, file: string, from: string, to: string, message: RegExp][] = [
    ['a bad CIDR', DEV, "natGateways: 'single'", "natGateways: 'single', cidr: '10.0.0.0/33'", /^ {4}clusters\/tbyte-dev\.ts:7:37: error \[schema-format\] \/network\/cidr: got "10\.0\.0\.0\/33"; allowed: an IPv4 CIDR block/m],
    ['an unknown provider', DEV, "environment: 'dev',", "environment: 'dev', provider: { cloud: 'gcp' },", /^ {4}clusters\/tbyte-dev\.ts:6:35: error \[schema-enum\] \/provider\/cloud: got "gcp"; allowed: one of "aws", "azure"/m],
    ['a negative node pool size', PROFILE, 'minSize: 2, maxSize: 3', 'minSize: -2, maxSize: 3', /^ {4}clusters\/profiles\/tbyte\.ts:11:76: error \[schema-range\] \/nodePools\/0\/minSize: got -2; allowed: a number >= 0/m],
    ['a misspelled field', DEV, "environment: 'dev'", "enviroment: 'dev'", /^ {4}clusters\/tbyte-dev\.ts:6:3: error \[schema-unknown-field\] \/enviroment: got "dev"; allowed: did you mean "environment"\?/m],
    ['a syntax error', DEV, "environment: 'dev',", "environment: 'dev',,", /^ {4}clusters\/tbyte-dev\.ts:6:22: error \[cluster-file-load\] got "clusters\/tbyte-dev\.ts:6:22: Expected identifier but found \\",\\""/m],
    ['a cluster file that throws', DEV, "environment: 'dev',", "environment: (() => { throw new Error('no environment yet'); })(),", /^ {4}clusters\/tbyte-dev\.ts:6:31: error \[cluster-file-load\] got "no environment yet \(at clusters\/tbyte-dev\.ts:6:31\)"; allowed: a module that loads without errors/m],
    ['a duplicate component', DEV, "environment: 'dev',", "environment: 'dev', platform: [{ name: 'vault' }, { name: 'vault' }],", /^ {4}clusters\/tbyte-dev\.ts:6:55: error \[duplicate-name\] \/platform\/\d+\/name: got "vault"; allowed: a platform component name not already used/m],
  ];
  for (const [what, file, from, to, message] of invalid) {
    it(`fails with exit code 1 on ${what}, names it, and leaves dist/ byte-identical`, async () => {
      const before = await tree();
      const original = await readFile(join(root, file), 'utf8');
      expect(original).toContain(from);
      await writeFile(join(root, file), original.replace(from, to));
      try {
        const result = await run(['build', '--root', root, '--no-cache']);
        expect(result.code).toBe(1);
        expect(result.err).toMatch(message);
        expect(result.err).toContain('Nothing was written.');
        expect(await tree()).toEqual(before);
      } finally {
        await writeFile(join(root, file), original);
      }
    });
  }

  it('fails check with exit code 1, listing the file, after a hand edit of the output', async () => {
    const file = 'dist/tbyte-dev/apps/tbyte-frontend/service-frontend.yaml';
    const original = await readFile(join(root, file), 'utf8');
    await writeFile(join(root, file), original.replace('port: 80', 'port: 8080'));
    try {
      const result = await run(['check', '--root', root]);
      expect(result.code).toBe(1);
      expect(result.err).toContain(`1 file of dist/ and argocd-apps/ differ from a fresh build (edited by hand, or not rebuilt):\n  modified  ${file}`);
      expect(result.err).toContain('~ Service tbyte/frontend  [tbyte-dev]');
      expect(result.err).toContain('Run `corepack pnpm build` and commit dist/ and argocd-apps/.');
      expect((await run(['build', '--root', root])).code).toBe(0);
      expect(await run(['check', '--root', root])).toMatchObject({ code: 0, out: expect.stringMatching(/^dist\/ and argocd-apps\/ match a fresh build of \d+ clusters \(\d+ files\)$/) });
    } finally {
      await writeFile(join(root, file), original);
    }
  });

  it('prunes the output of a removed cluster and nothing else', async () => {
    const before = await tree();
    await rm(join(root, 'clusters/kubeadm-lab.ts'));
    const result = await run(['build', '--root', root]);
    expect(result.code).toBe(0);
    const after = await tree();
    const removed = Object.keys(before).filter((p) => !(p in after));
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.every((p) => p.startsWith('dist/kubeadm-lab/') || p === 'argocd-apps/kubeadm-lab.yaml')).toBe(true);
    expect(Object.keys(after).every((p) => before[p] === after[p])).toBe(true);
  });
  it('renders the fleet in shards into the render cache, then writes it from there with --merge, which names what no shard rendered', async () => {
    const before = await tree();
    await rm(join(root, 'node_modules/.cache'), { recursive: true, force: true });
    const missing = await run(['build', '--root', root, '--merge']);
    expect(missing.code).toBe(3);
    expect(missing.err).toMatch(/^wavesmith: the render cache has no rendering of [a-z0-9-]+(, [a-z0-9-]+)* for their current inputs; render them with `wavesmith build --shard K\/N`/);
    for (const shard of ['1/2', '2/2']) {
      const result = await run(['build', '--root', root, '--shard', shard]);
      expect(result.code).toBe(0);
      expect(result.out).toMatch(new RegExp(`^shard ${shard}: \\d+ clusters, \\d+ objects: \\d+ rendered, 0 already in the render cache in`));
    }
    expect(await tree()).toEqual(before);
    const merged = await run(['build', '--root', root, '--merge']);
    expect(merged.code).toBe(0);
    expect(merged.out).toMatch(/: 0 written, \d+ unchanged, 0 pruned in/);
    expect(await tree()).toEqual(before);
  });
});

describe('diff and affected', () => {
  const usage: [args: string[], message: string][] = [
    [['diff', '--format', 'html'], '--format html: allowed are md, text, json'],
    [['diff', '--head', 'HEAD', '--worktree'], '--head and --worktree exclude each other'],
    [['diff', '--out', 'parts'], '--out writes Markdown parts; use it with --format md'],
    [['diff', '--render-base', 'sometimes'], '--render-base sometimes: allowed are auto, always, never'],
    [['affected'], '--base REF is required'],
  ];
  it.each(usage)('fails with exit code 2 on %j, saying what is allowed', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err).toContain(`Usage: wavesmith ${args[0]}`);
  });

  it('fails with exit code 1 on an unknown ref, naming it', async () => {
    const result = await run(['diff', '--base', 'no-such-ref', '--render-base', 'never']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^wavesmith: --base\/--head no-such-ref: no such commit, branch or tag in /);
  });

  it('writes Markdown parts for a pull-request comment into --out', async () => {
    const out = await mkdtemp(join(repo, '.test-roots', 'parts-'));
    try {
      await writeFile(join(out, 'part-9.md'), 'left over from an earlier run');
      const result = await run(['diff', '--base', 'HEAD', '--head', 'HEAD', '--render-base', 'never', '--format', 'md', '--out', out]);
      expect(result.code).toBe(0);
      expect(result.err).toMatch(/^wavesmith: wrote 1 part to .* \(largest \d+ characters, limit 65536\)$/);
      expect(await readdir(out)).toEqual(['part-1.md']);
      expect(await readFile(join(out, 'part-1.md'), 'utf8')).toMatch(/^<!-- wavesmith-diff part 1\/1 -->\n### Wavesmith diff: no cluster changes\n/);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('fails with exit code 1 when --out cannot be written, naming the folder', async () => {
    const result = await run(['diff', '--base', 'HEAD', '--head', 'HEAD', '--render-base', 'never', '--format', 'md', '--out', 'package.json/parts']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^wavesmith: --out .*package\.json\/parts: cannot write the parts there: /);
  });

  it('prints the diff of a ref with itself as no change, in text and JSON', async () => {
    const text = await run(['diff', '--base', 'HEAD', '--head', 'HEAD', '--render-base', 'never']);
    expect(text.code).toBe(0);
    // HEAD's committed output may be called stale (a source commit after the last output commit); it is used as it is.
    expect(text.out).toMatch(/^base: HEAD \(committed output at [0-9a-f]{12}(; [^\n]*)?\)\nhead: HEAD \(committed output at [0-9a-f]{12}(; [^\n]*)?\)\n\nNo changes in \d+ clusters\.$/);
    const json = JSON.parse((await run(['diff', '--base', 'HEAD', '--head', 'HEAD', '--render-base', 'never', '--format', 'json'])).out) as { entries: unknown[]; unchanged: string[] };
    expect(json.entries).toEqual([]);
    expect(json.unchanged).toContain('tbyte-dev');
  });

  it('fails affected with exit code 1 on an unknown base, naming it', async () => {
    const result = await run(['affected', '--base', 'no-such-ref']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('no-such-ref: no such commit, branch or tag');
  });
});
