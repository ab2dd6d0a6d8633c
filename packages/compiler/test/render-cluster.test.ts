import { fileURLToPath } from 'node:url';
import { checkPolicy, podSpecOf } from '@wavesmith/checks';
import { loadClusters } from '@wavesmith/model';
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../src/registry.js';
import { clusterComponents } from '../src/render-cluster.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const registry = await loadRegistry(repo);
const clusters = await loadClusters(repo, registry);

describe('clusterComponents', () => {
  it.each(clusters.map((c) => c.spec.name))('renders the business apps of %s as pods that Pod Security restricted admits', (name) => {
    const spec = clusters.find((c) => c.spec.name === name)!.spec;
    const business = clusterComponents(spec, registry).filter((c) => c.tier === 'business');
    const located = business.flatMap((c) => c.manifests.map((object) => ({ file: `${c.name}.yaml`, object })));
    const restricted = located.filter(({ object }) => object.kind === 'Namespace' && object.metadata.labels?.['pod-security.kubernetes.io/enforce'] === 'restricted');
    const pods = located.filter(({ object }) => podSpecOf(object) !== undefined);
    expect(pods.length > 0).toBe(spec.apps.length > 0);
    expect(pods.every(({ object }) => restricted.some((ns) => ns.object.metadata.name === object.metadata.namespace))).toBe(true);
    expect(checkPolicy(located)).toEqual([]);
  });
});
