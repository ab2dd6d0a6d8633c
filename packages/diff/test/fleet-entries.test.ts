import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTree } from '@wavesmith/compiler';
import { compareTrees } from '../src/compare-trees.js';
import { fleetEntries, normalizeCluster, type Entry } from '../src/fleet-entries.js';
import { diffFleets } from '../src/fleet-diff.js';
import { parseFleet } from '../src/fleet-tree.js';
import { renderWorktree } from '../src/tree-source.js';
import { EKS_CLUSTERS, plantedRoot, PROFILE_EDITS, repo } from './repo-copy.js';
import { configMap, fleetTree } from './trees.js';

describe('normalizeCluster', () => {
  it("replaces the cluster's name where it stands as a word of its own, in keys and values", () => {
    expect(normalizeCluster({ 'tbyte-dev-logs': ['tbyte-dev', 'tbyte-devops', 'arn:aws:iam::1:role/tbyte-dev-loki'] }, 'tbyte-dev')).toEqual({
      '{cluster}-logs': ['{cluster}', 'tbyte-devops', 'arn:aws:iam::1:role/{cluster}-loki'],
    });
  });
});

describe('fleetEntries', () => {
  let root: string;
  let entries: readonly Entry[];
  beforeAll(async () => {
    root = await plantedRoot('entries', PROFILE_EDITS.slice(0, 1));
    entries = compareTrees(await readTree(repo), await renderWorktree(root)).entries;
  }, 60_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('shows a change to a shared profile once per changed thing, over every cluster whose output it changes', () => {
    expect([...new Set(entries.flatMap((e) => e.clusters))].sort()).toEqual(EKS_CLUSTERS);
    const titles = entries.map((e) => e.title);
    expect(new Set(titles).size).toBe(titles.length);
    // production-cluster has a private API endpoint, so only the other three open it to the admin range.
    const endpoint = entries.find((e) => e.title === 'aws_eks_cluster.main')!;
    expect([...endpoint.clusters].sort()).toEqual(['rocketchat-eks', 'tbyte-dev', 'tbyte-prod']);
    expect(endpoint.fields).toEqual([{ path: 'vpc_config.public_access_cidrs', variants: [{ clusters: endpoint.clusters, before: ['203.0.113.0/24'], after: ['198.51.100.0/24'] }] }]);
  });

  it("writes values that differ only by the cluster's name once, with {cluster}", () => {
    const bucket = (cluster: string, days: number) => ({ terraform: { resource: { aws_s3_bucket_lifecycle_configuration: { logs: { bucket: `${cluster}-logs`, rule: [{ id: 'expire', expiration: { days } }] } } } } });
    const diff = diffFleets(parseFleet(fleetTree({ a: bucket('a', 7), b: bucket('b', 7) })), parseFleet(fleetTree({ a: bucket('a', 30), b: bucket('b', 30) })));
    expect(fleetEntries(diff)).toMatchObject([{ title: 'aws_s3_bucket_lifecycle_configuration.logs', clusters: ['a', 'b'], fields: [{ path: 'rule[id=expire].expiration.days', variants: [{ clusters: ['a', 'b'], before: 7, after: 30 }] }] }]);
    const renamed = diffFleets(parseFleet(fleetTree({ a: bucket('a', 7), b: bucket('b', 7) })), parseFleet(fleetTree({ a: { terraform: { resource: { aws_s3_bucket_lifecycle_configuration: { logs: { bucket: 'a-audit', rule: [{ id: 'expire', expiration: { days: 7 } }] } } } } }, b: { terraform: { resource: { aws_s3_bucket_lifecycle_configuration: { logs: { bucket: 'b-audit', rule: [{ id: 'expire', expiration: { days: 7 } }] } } } } } })));
    expect(fleetEntries(renamed)[0]!.fields).toEqual([{ path: 'bucket', variants: [{ clusters: ['a', 'b'], before: '{cluster}-logs', after: '{cluster}-audit' }] }]);
  });

  it('spells out per cluster only the values that differ between clusters', () => {
    const base = fleetTree({ a: { objects: [{ component: 'x', body: configMap('cfg', { size: 's', mode: 'fast' }) }] }, b: { objects: [{ component: 'x', body: configMap('cfg', { size: 's', mode: 'fast' }) }] } });
    const head = fleetTree({ a: { objects: [{ component: 'x', body: configMap('cfg', { size: 'm', mode: 'slow' }) }] }, b: { objects: [{ component: 'x', body: configMap('cfg', { size: 'l', mode: 'slow' }) }] } });
    const [entry, ...rest] = fleetEntries(diffFleets(parseFleet(base), parseFleet(head)));
    expect(rest).toEqual([]);
    expect(entry!.clusters).toEqual(['a', 'b']);
    expect(entry!.fields).toEqual([
      { path: 'data.mode', variants: [{ clusters: ['a', 'b'], before: 'fast', after: 'slow' }] },
      { path: 'data.size', variants: [{ clusters: ['a'], before: 's', after: 'm' }, { clusters: ['b'], before: 's', after: 'l' }] },
    ]);
  });

  it('orders Terraform first, then components by wave', () => {
    const waves = entries.filter((e) => e.section === 'component').map((e) => e.wave);
    expect(waves).toEqual([...waves].sort((a, b) => a - b));
    const sections = entries.map((e) => e.section);
    expect(sections.lastIndexOf('terraform')).toBeLessThan(Math.max(sections.indexOf('component'), sections.length));
  });
});
