import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planFleet } from '../fleet.js';
import { writeKustomizeLayout } from '../kustomize-layout.js';
import { documents, outputSize, type OutputFile } from '../output-tree.js';

const scratch = mkdtempSync(join(tmpdir(), 'wavesmith-kustomize-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every object a kustomization lists, following its bases, as kustomize would read them. */
function objectsOf(dir: string): string[] {
  const resources = readFileSync(join(dir, 'kustomization.yaml'), 'utf8').split('\n').filter((l) => l.startsWith('  - ')).map((l) => l.slice(4));
  return resources.flatMap((r) => (r.endsWith('.yaml') ? [readFileSync(join(dir, r), 'utf8')] : objectsOf(join(dir, r))));
}

describe('writeKustomizeLayout', () => {
  it('gives each cluster an overlay that yields exactly its objects, those shared by its archetype from the base', () => {
    const plans = planFleet(12).filter((p) => p.archetype === 'tbyte' || p.archetype === 'vet');
    const shared = 'kind: Namespace\nmetadata:\n  name: shared\n';
    const files: OutputFile[] = plans.flatMap((p) => [
      { path: `dist/${p.name}/apps/a/namespace-shared.yaml`, content: shared },
      { path: `dist/${p.name}/apps/a/config.yaml`, content: `kind: ConfigMap\nmetadata:\n  name: ${p.name}\n---\nkind: ConfigMap\nmetadata:\n  name: b\n` },
      { path: `argocd-apps/${p.name}.yaml`, content: `kind: Application\nmetadata:\n  name: ${p.name}\n` },
      { path: `dist/${p.name}/inventory.json`, content: '{}\n' },
    ]);
    const overlays = writeKustomizeLayout(join(scratch, 'layout'), files, plans);
    expect([...overlays.keys()].sort()).toEqual(plans.map((p) => p.name).sort());
    for (const plan of plans) {
      const expected = files.filter((f) => f.path.endsWith('.yaml') && f.path.includes(plan.name)).flatMap((f) => documents(f.content));
      expect(objectsOf(overlays.get(plan.name)!).sort()).toEqual(expected.sort());
    }
    expect(readdirSync(join(scratch, 'layout', 'base', 'tbyte')).sort()).toEqual(['kustomization.yaml', 'object-0.yaml', 'object-1.yaml']);
  });

  it("gives a cluster without a plan, one of the repository's own, an overlay with all its objects", () => {
    const files: OutputFile[] = [
      { path: 'dist/tbyte-dev/apps/a/config.yaml', content: 'kind: ConfigMap\nmetadata:\n  name: a\n' },
      { path: 'argocd-apps/tbyte-dev.yaml', content: 'kind: Application\nmetadata:\n  name: tbyte-dev\n' },
    ];
    const overlays = writeKustomizeLayout(join(scratch, 'own'), files, []);
    expect(objectsOf(overlays.get('tbyte-dev')!).sort()).toEqual(files.map((f) => f.content).sort());
  });
});

describe('outputSize', () => {
  it('counts one object per YAML document and every file and byte', () => {
    const files = [
      { path: 'dist/x/a.yaml', content: 'a: 1\n---\nb: "é"\n' },
      { path: 'dist/x/inventory.json', content: '{}\n' },
    ];
    // 17 bytes of YAML (é is two in UTF-8) and 3 of JSON.
    expect(outputSize(files)).toEqual({ objects: 2, files: 2, bytes: 17 + 3 });
  });
});
