import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFleet, specSources, type SpecSources } from '../src/index.js';
import { TEST_REGISTRY } from './fixtures.js';

// Inside the repository, so that the cluster files resolve @wavesmith/model as real ones do.
const repo = fileURLToPath(new URL('../../..', import.meta.url));

const PROFILE = `import { composeCluster, type ClusterLayer } from '@wavesmith/model';

const network = {
  cidr: '10.0.0.0/16',
  subnets: [
    { name: 'public-a', cidr: '10.0.0.0/24', role: 'public', zone: 'a' },
    { name: 'public-b', cidr: '10.0.1.0/24', role: 'public', zone: 'b' },
    { name: 'private-a', cidr: '10.0.10.0/24', role: 'private', zone: 'a' },
    { name: 'private-b', cidr: '10.0.11.0/24', role: 'private', zone: 'b' },
  ],
  adminCidrs: ['198.51.100.0/24'],
};

/** A pool written by a helper: its values come from the call. */
const pool = (name: string) => ({ name, instanceTypes: ['t3.medium'], image: 'al2023', minSize: 2, maxSize: 4, diskGiB: 50 });

export const base: ClusterLayer = composeCluster(
  {
    provider: { cloud: 'aws', region: 'eu-west-1', accountId: '123456789012' },
    distribution: 'eks',
    kubernetesVersion: '1.33',
    gitops: { repoURL: 'https://example.com/fleet.git', targetRevision: 'main' },
    platform: [{ name: 'argocd' }, { name: 'loki', retentionDays: 30 }],
    apps: [],
    cloud: {},
  },
  { network, nodePools: [pool('general')] },
);
`;

const CLUSTER = `import { composeCluster } from '@wavesmith/model';
import { base } from './profiles/base.js';

export default composeCluster(base, {
  name: 'demo',
  environment: 'dev',
  platform: [{ name: 'keda' }, { name: 'loki', storage: 's3' }],
  network: { subnets: [{ name: 'private-b', cidr: '10.0.12.0/24' }] },
});
`;

describe('specSources', () => {
  let root: string;
  let sources: SpecSources;

  beforeAll(async () => {
    await mkdir(join(repo, '.test-roots'), { recursive: true });
    root = await mkdtemp(join(repo, '.test-roots', 'sources-'));
    await mkdir(join(root, 'clusters', 'profiles'), { recursive: true });
    await writeFile(join(root, 'package.json'), '{ "type": "module" }\n');
    await writeFile(join(root, 'clusters/profiles/base.ts'), PROFILE);
    await writeFile(join(root, 'clusters/demo.ts'), CLUSTER);
    const [cluster] = (await loadFleet(root, TEST_REGISTRY)).clusters;
    expect(cluster!.findings).toEqual([]);
    sources = specSources(root, cluster!.file, cluster!.exported, cluster!.spec);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const at = (pointer: string) => {
    const hit = sources.locate(pointer)!;
    return `${hit.location.file}:${hit.location.line}:${hit.location.column}${hit.exact ? '' : ' (ancestor)'}`;
  };

  it('points at the layer that wrote a value last, in the cluster file or its profile', () => {
    expect(at('/environment')).toBe('clusters/demo.ts:6:3');
    expect(at('/provider/region')).toBe('clusters/profiles/base.ts:19:31');
    expect(at('/network/adminCidrs/0')).toBe('clusters/profiles/base.ts:11:16');
  });

  it('follows named list items by name through the layers, as composeCluster merges them', () => {
    // platform: argocd and loki from the profile, then keda appended by the cluster; loki's storage is the cluster's.
    expect(at('/platform/0/name')).toBe('clusters/profiles/base.ts:23:18');
    expect(at('/platform/1/storage')).toBe('clusters/demo.ts:7:48');
    expect(at('/platform/1/retentionDays')).toBe('clusters/profiles/base.ts:23:52');
    expect(at('/platform/2')).toBe('clusters/demo.ts:7:14');
    expect(at('/network/subnets/3/cidr')).toBe('clusters/demo.ts:8:45');
    expect(at('/network/subnets/3/role')).toBe('clusters/profiles/base.ts:9:48');
  });

  it('points at the call of a helper for what the helper wrote', () => {
    expect(at('/nodePools/0/diskGiB')).toBe('clusters/profiles/base.ts:27:26');
  });

  it('points at the deepest part written, for a value nobody wrote (a default, or a missing field)', () => {
    expect(at('/network/natGateways')).toBe('clusters/demo.ts:8:3 (ancestor)');
    expect(at('/platform/2/replicas')).toBe('clusters/demo.ts:7:14 (ancestor)');
  });
});
