import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTree } from '@wavesmith/compiler';
import { compareTrees } from '../src/compare-trees.js';
import { COMMENT_LIMIT, markdownParts, PART_MARKER, type DiffReportInput } from '../src/markdown-report.js';
import { renderWorktree } from '../src/tree-source.js';
import type { TreeSide } from '../src/tree-side.js';
import { plantedRoot, repo, SAMPLE_EDITS } from './repo-copy.js';
import { configMap, fleetTree, statefulSet } from './trees.js';

const base: TreeSide = { label: 'origin/main', commit: '0123456789abcdef', origin: 'committed' };
const head: TreeSide = { label: 'working tree', origin: 'worktree' };
const input = (b: Map<string, string>, h: Map<string, string>): DiffReportInput => ({ base, head, ...compareTrees(b, h) });

/** Many clusters with many ConfigMaps each, every one of them changed (and a few deleted StatefulSets). */
function bigChange(clusters: number, perCluster: number): DiffReportInput {
  const make = (version: string) =>
    fleetTree(
      Object.fromEntries(
        Array.from({ length: clusters }, (_, c) => [
          `cluster-${c}`,
          {
            components: [{ name: 'settings', tier: 'business', wave: 4 }],
            objects: [
              ...Array.from({ length: perCluster }, (_, i) => ({ component: 'settings', body: configMap(`cfg-${i}`, { version, [`only-${c}`]: `${version}-${c}`, 'app.yaml': `a: 1\nversion: ${version}\nb: 2\n` }) })),
              ...(version === 'v1' ? [{ component: 'settings', body: statefulSet(`db-${c}`) }] : []),
            ],
          },
        ]),
      ),
    );
  return input(make('v1'), make('v2'));
}

describe('markdownParts', () => {
  it('keeps a summary under the limit and every part under 65,536 characters when thousands of objects change', () => {
    const report = bigChange(40, 100);
    const parts = markdownParts(report);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    const [first] = parts;
    expect(first).toContain(`<!-- ${PART_MARKER} part 1/${parts.length} -->`);
    expect(first).toContain('| **all** | 40 | 0 / 4000 / 40 | 0 / 0 / 0 | delete-data ×40 |');
    for (let c = 0; c < 40; c++) expect(first).toContain(`| cluster-${c} | 1 | 0 / 100 / 1 | 0 / 0 / 0 | delete-data ×1 |`);
    expect(first).toContain('**Risks** (40)');
    parts.slice(1).forEach((part, i) => expect(part.startsWith(`<!-- ${PART_MARKER} part ${i + 2}/${parts.length} -->\n**Wavesmith diff**, part ${i + 2} of ${parts.length}`)).toBe(true));
  });

  it('loses no entry between parts: every changed object is in exactly one part', () => {
    const report = bigChange(3, 1500);
    const parts = markdownParts(report);
    expect(parts.length).toBeGreaterThan(1);
    const all = parts.join('\n');
    for (let i = 0; i < 1500; i++) expect(all.split(`**~ ConfigMap apps/cfg-${i}**`)).toHaveLength(2);
    expect(all.match(/\(continued\)/g)!.length).toBeGreaterThan(0);
  });

  it('shows each shared change once and spells out per cluster what differs', () => {
    const [part] = markdownParts(bigChange(2, 1));
    expect(part).toContain('**~ ConfigMap apps/cfg-0** — cluster-0, cluster-1');
    expect(part).toContain('- `data.version`: `v1` → `v2`');
    expect(part).toContain('- `data.only-0`:\n  - cluster-0: `v1-0` → `v2-0`\n  - unchanged in cluster-1');
    expect(part).toContain('- `data["app.yaml"]`: `(3 lines of text)` → `(3 lines of text)`\n  ```diff\n   a: 1\n  -version: v1\n  +version: v2\n   b: 2\n');
  });

  it('never prints Secret data or sensitive Terraform values, and counts what it hid', () => {
    const secret = (password: string) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'apps' }, data: { password }, stringData: { token: `${password}-token` } });
    const terraform = (password: string) => ({ resource: { aws_db_instance: { db: { engine: 'postgres', password } } }, output: { pw: { value: password, sensitive: true } } });
    const b = fleetTree({ c: { objects: [{ component: 'db', body: secret('czNjcjN0') }], terraform: terraform('hunter2') } });
    const h = fleetTree({ c: { objects: [{ component: 'db', body: secret('bjN3czNjcjN0') }], terraform: terraform('correct-horse') } });
    const [part] = markdownParts(input(b, h));
    for (const value of ['czNjcjN0', 'bjN3czNjcjN0', 'hunter2', 'correct-horse']) expect(part).not.toContain(value);
    expect(part).toContain('(sensitive value hidden)');
    expect(part).toMatch(/_Not shown: 8 sensitive values\./);
  });

  it('shortens long values and says how many it shortened', () => {
    const b = fleetTree({ c: { objects: [{ component: 'x', body: configMap('long', { v: 'a'.repeat(500) }) }] } });
    const h = fleetTree({ c: { objects: [{ component: 'x', body: configMap('long', { v: 'b'.repeat(500) }) }] } });
    const [part] = markdownParts(input(b, h));
    expect(part).toContain(`\`${'a'.repeat(120)}… (+380 chars)\``);
    expect(part).toMatch(/_Not shown: 2 long values shortened\./);
  });

  it('says there is no change when the trees are equal', () => {
    const tree = fleetTree({ c: { objects: [{ component: 'x', body: configMap('a', { k: 'v' }) }] } });
    expect(markdownParts(input(tree, tree))).toEqual([`<!-- ${PART_MARKER} part 1/1 -->\n### Wavesmith diff: no cluster changes\n\n**Base** \`origin/main\` (committed output at 0123456789ab)  \n**Head** working tree, rendered from its sources\n\nUnchanged: c.\n`]);
  });
});

describe('the sample comment in README.md', () => {
  it('is what markdownParts writes for its planted change (WAVESMITH_UPDATE_README=1 rewrites it)', async () => {
    const root = await plantedRoot('readme', SAMPLE_EDITS);
    try {
      const parts = markdownParts({ base: { label: 'origin/main', origin: 'committed' }, head: { label: 'HEAD', origin: 'committed' }, ...compareTrees(await readTree(repo), await renderWorktree(root)) });
      expect(parts).toHaveLength(1);
      const readmePath = join(repo, 'README.md');
      const readme = await readFile(readmePath, 'utf8');
      const [start, end] = ['<!-- sample-comment:start -->\n', '<!-- sample-comment:end -->'];
      const [from, to] = [readme.indexOf(start) + start.length, readme.indexOf(end)];
      if (process.env.WAVESMITH_UPDATE_README === '1') await writeFile(readmePath, `${readme.slice(0, from)}${parts[0]}\n${readme.slice(to)}`);
      else expect(readme.slice(from, to)).toBe(`${parts[0]}\n`);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 60_000);
});
