/**
 * The same objects as a kustomize repository: per archetype a base with the objects that all its
 * clusters share byte for byte, per cluster an overlay with the base and the cluster's own
 * objects, one file per object (a cluster without a plan, one of the repository's own, has all
 * its objects in its overlay). Kustomize only reads and re-emits them, no patch to apply: the
 * least work kustomize can do for this output, so the comparison favours it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterPlan } from './fleet.js';
import { documents, type OutputFile } from './output-tree.js';

/** Writes the layout under `dir` (emptied first) and returns each cluster's overlay folder. */
export function writeKustomizeLayout(dir: string, files: readonly OutputFile[], plans: readonly ClusterPlan[]): Map<string, string> {
  rmSync(dir, { recursive: true, force: true });
  const objects = new Map<string, string[]>(plans.map((p) => [p.name, []]));
  for (const file of files) {
    if (!file.path.endsWith('.yaml')) continue;
    const cluster = file.path.startsWith('argocd-apps/') ? file.path.slice('argocd-apps/'.length, -'.yaml'.length) : file.path.split('/')[1]!;
    if (!objects.has(cluster)) objects.set(cluster, []);
    objects.get(cluster)!.push(...documents(file.content));
  }
  const overlays = new Map<string, string>();
  const overlay = (name: string, own: readonly string[], bases: readonly string[]) => {
    writeKustomization(join(dir, 'overlays', name), own, bases);
    overlays.set(name, join(dir, 'overlays', name));
  };
  for (const archetype of new Set(plans.map((p) => p.archetype))) {
    const members = plans.filter((p) => p.archetype === archetype);
    const shared = new Set(objects.get(members[0]!.name));
    for (const member of members.slice(1)) {
      const own = new Set(objects.get(member.name));
      for (const object of shared) if (!own.has(object)) shared.delete(object);
    }
    writeKustomization(join(dir, 'base', archetype), [...shared], []);
    for (const member of members) overlay(member.name, objects.get(member.name)!.filter((o) => !shared.has(o)), shared.size > 0 ? [`../../base/${archetype}`] : []);
  }
  for (const [name, own] of objects) if (!overlays.has(name)) overlay(name, own, []);
  return overlays;
}

function writeKustomization(dir: string, objects: readonly string[], bases: readonly string[]): void {
  mkdirSync(dir, { recursive: true });
  const names = objects.map((object, i) => {
    writeFileSync(join(dir, `object-${i}.yaml`), object);
    return `object-${i}.yaml`;
  });
  const resources = [...bases, ...names];
  writeFileSync(join(dir, 'kustomization.yaml'), `resources:${resources.length === 0 ? ' []' : ''}\n${resources.map((r) => `  - ${r}\n`).join('')}`);
}
