import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTree } from '@wavesmith/compiler';
import { compareTrees } from '../src/compare-trees.js';
import { committedOutputState, resolveTree } from '../src/tree-source.js';
import { scratchRepo, type ScratchRepo } from './scratch-repo.js';

describe('resolveTree', () => {
  let scratch: ScratchRepo;
  beforeAll(async () => {
    scratch = await scratchRepo('source', ['tbyte-dev']);
    // A source change committed without rebuilding the output: the committed output of HEAD is stale.
    await scratch.edit('clusters/tbyte-dev.ts', "postgres: { storage: '20Gi' }", "postgres: { storage: '50Gi' }");
    scratch.git('commit', '-qam', 'grow the database, forget to rebuild');
  });
  afterAll(() => rm(scratch.root, { recursive: true, force: true }));

  it('reads the committed output of a commit whose output was rebuilt after its last source change', async () => {
    const { tree, side } = await resolveTree({ kind: 'ref', ref: 'HEAD~1' }, { root: scratch.root });
    expect(side).toEqual({ label: 'HEAD~1', commit: scratch.git('rev-parse', 'HEAD~1').trim(), origin: 'committed' });
    expect([...tree.keys()]).toEqual([...(await readTree(scratch.root)).keys()]);
  });

  it('renders a commit with stale output from its own sources in a temporary worktree, and says why', async () => {
    const head = scratch.git('rev-parse', 'HEAD').trim();
    const progress: string[] = [];
    const stale = await resolveTree({ kind: 'ref', ref: 'HEAD' }, { root: scratch.root, progress: (m) => progress.push(m) });
    expect(stale.side).toEqual({ label: 'HEAD', commit: head, origin: 'rendered', reason: `its sources changed in ${head.slice(0, 12)}, after its output was last committed in ${scratch.git('rev-parse', 'HEAD~1').trim().slice(0, 12)}` });
    expect(progress[0]).toMatch(/^rendering HEAD from its own sources: its sources changed in /);
    const fresh = await resolveTree({ kind: 'ref', ref: 'HEAD~1' }, { root: scratch.root });
    const { entries } = compareTrees(fresh.tree, stale.tree);
    expect(entries.map((e) => [e.title, e.fields.map((f) => [f.path, f.variants[0]!.before, f.variants[0]!.after])])).toEqual([
      ['StatefulSet tbyte/postgres', [['spec.volumeClaimTemplates[metadata.name=data].spec.resources.requests.storage', '20Gi', '50Gi']]],
    ]);
    expect(scratch.git('worktree', 'list').trim().split('\n')).toHaveLength(1);
    expect(scratch.git('status', '--porcelain')).toBe('');
  }, 240_000);

  it('uses the stale committed output when told never to render, and says it is stale', async () => {
    const { side } = await resolveTree({ kind: 'ref', ref: 'HEAD' }, { root: scratch.root, render: 'never' });
    expect(side.origin).toBe('committed');
    expect(side.reason).toMatch(/its sources changed in .* \(not rendered: --render-base never\)$/);
  });

  it('calls output missing when a commit has none', async () => {
    scratch.git('rm', '-rq', 'dist', 'argocd-apps');
    scratch.git('commit', '-qm', 'drop the output');
    try {
      expect(await committedOutputState(scratch.root, '', scratch.git('rev-parse', 'HEAD').trim())).toEqual({ state: 'missing', reason: 'it has no committed dist/ or argocd-apps/' });
      await expect(resolveTree({ kind: 'ref', ref: 'HEAD' }, { root: scratch.root, render: 'never' })).rejects.toThrow('HEAD has no committed dist/ or argocd-apps/, and rendering it was turned off (--render-base never)');
    } finally {
      scratch.git('reset', '-q', '--hard', 'HEAD~1');
    }
  });

  it('rejects an unknown ref, naming it', async () => {
    await expect(resolveTree({ kind: 'ref', ref: 'no-such-branch' }, { root: scratch.root })).rejects.toThrow(/^--base\/--head no-such-branch: no such commit, branch or tag in /);
  });
});
