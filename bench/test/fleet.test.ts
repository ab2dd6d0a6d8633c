import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '@wavesmith/compiler';
import { loadClusters } from '@wavesmith/model';
import { ARCHETYPES, changeCluster, clusterSource, planFleet, writeFleet } from '../fleet.js';

const repo = join(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'wavesmith-fleet-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('planFleet', () => {
  it('gives the same fleet for the same seed and another for another seed', () => {
    expect(planFleet(50, 7)).toEqual(planFleet(50, 7));
    expect(planFleet(50, 8)).not.toEqual(planFleet(50, 7));
  });

  it('names a thousand clusters uniquely with valid cluster names', () => {
    const names = planFleet(1000).map((p) => p.name);
    expect(new Set(names).size).toBe(1000);
    expect(names.filter((n) => !/^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/.test(n))).toEqual([]);
  });

  it('varies archetypes, environments, sizes and component sets', () => {
    const plans = planFleet(100);
    expect(new Set(plans.map((p) => p.archetype))).toEqual(new Set(ARCHETYPES));
    expect(new Set(plans.map((p) => p.environment))).toEqual(new Set(['dev', 'staging', 'prod']));
    expect(new Set(plans.map((p) => p.nodes)).size).toBeGreaterThan(2);
    expect(new Set(plans.map((p) => p.extras.join(','))).size).toBeGreaterThan(5);
  });
});

describe('writeFleet', () => {
  it('writes a fleet whose every cluster loads and validates, composed from the profiles', async () => {
    const plans = planFleet(3 * ARCHETYPES.length);
    const dir = join(scratch, 'fleet');
    writeFleet(repo, dir, plans);
    const loaded = await loadClusters(dir, await loadRegistry(dir));
    expect(loaded.map((c) => c.spec.name).sort()).toEqual(plans.map((p) => p.name).sort());
    for (const plan of plans) {
      const { spec } = loaded.find((c) => c.spec.name === plan.name)!;
      expect(spec.environment).toBe(plan.environment);
      for (const extra of plan.extras) expect(spec.platform.map((c) => c.name)).toContain(extra);
    }
  });

  it('changes one value of one cluster when asked for a variant', async () => {
    const [plan] = planFleet(1);
    const dir = join(scratch, 'changed');
    writeFleet(repo, dir, [plan!]);
    const before = (await loadClusters(dir, await loadRegistry(dir)))[0]!.spec;
    changeCluster(dir, plan!, 1);
    const after = (await loadClusters(dir, await loadRegistry(dir)))[0]!.spec;
    expect(after.nodePools[0]!.maxSize).toBe(before.nodePools[0]!.maxSize + 1);
    expect({ ...after, nodePools: [] }).toEqual({ ...before, nodePools: [] });
    expect(clusterSource(plan!, 1)).not.toBe(clusterSource(plan!, 0));
  });
});
