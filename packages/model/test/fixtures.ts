import { Type } from '@sinclair/typebox';
import { defineApp, StringEnum, type ClusterLayer, type ComponentSpecDefinition, type SpecRegistry } from '../src/index.js';

/** A small valid EKS cluster that tests change one field of at a time. */
export const validCluster = {
  name: 'demo',
  environment: 'dev',
  provider: { cloud: 'aws', region: 'eu-west-1', accountId: '123456789012' },
  distribution: 'eks',
  kubernetesVersion: '1.33',
  network: {
    cidr: '10.0.0.0/16',
    subnets: [
      { name: 'public-a', cidr: '10.0.0.0/24', role: 'public', zone: 'a' },
      { name: 'public-b', cidr: '10.0.1.0/24', role: 'public', zone: 'b' },
      { name: 'private-a', cidr: '10.0.10.0/24', role: 'private', zone: 'a' },
      { name: 'private-b', cidr: '10.0.11.0/24', role: 'private', zone: 'b' },
    ],
    adminCidrs: ['198.51.100.0/24'],
  },
  nodePools: [{ name: 'general', instanceTypes: ['t3.medium'], image: 'al2023', minSize: 2, maxSize: 4, diskGiB: 50 }],
  gitops: { repoURL: 'https://example.com/fleet.git', targetRevision: 'main' },
  platform: [{ name: 'argocd' }],
  apps: [],
  cloud: {},
} satisfies ClusterLayer;

/** A deep copy of the valid cluster with `edit` applied to it. */
export function clusterWith(edit: (spec: any) => void): unknown {
  const spec = structuredClone(validCluster);
  edit(spec);
  return spec;
}

const component = (name: string, options: Parameters<typeof Type.Object>[0], rest: Partial<ComponentSpecDefinition<any>> = {}): ComponentSpecDefinition<any> => ({
  name,
  schema: Type.Object({ name: Type.Literal(name), ...options }, { additionalProperties: false }),
  ...rest,
});

/**
 * Stand-ins for the catalogue and the apps, each showing one thing the model checks through a
 * registry: a mandatory component, distributions, requirements, entry rules, provisions.
 */
export const TEST_REGISTRY: SpecRegistry = {
  platform: [
    component('argocd', {}, { support: { mandatory: 'it syncs everything else' } }),
    component('keda', { replicas: Type.Integer({ minimum: 1, default: 1 }) }),
    component(
      'loki',
      { storage: StringEnum(['filesystem', 's3'] as const, { default: 'filesystem' }), retentionDays: Type.Integer({ minimum: 1, default: 30 }) },
      {
        rules: (entry, context, report) => {
          if (entry.storage === 's3' && context.spec.distribution !== 'eks') report('/storage', entry.storage, '"filesystem" off EKS');
          if (entry.retentionDays > 365) report('#/environment', context.spec.environment, 'a longer-lived environment');
        },
        provides: () => ({
          services: { logsPush: 'http://loki:3100/push' },
          awsWorkloads: [{ name: 'loki', serviceAccounts: ['monitoring:loki'] }],
          uses: { buckets: ['loki-chunks'] },
        }),
      },
    ),
    component('karpenter', {}, { support: { distributions: ['eks'] } }),
    component('promtail', {}, { support: { requires: [{ component: 'loki', why: 'it ships logs there' }] } }),
    component('other-loki', {}, { provides: () => ({ services: { logsPush: 'http://other:3100/push' } }) }),
  ],
  apps: [
    defineApp({
      chart: 'web',
      description: 'A test web app.',
      props: {
        image: Type.String({ minLength: 1 }),
        replicas: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
        cache: Type.Optional(Type.String({ minLength: 1 })),
        fileSystem: Type.Optional(Type.String({ minLength: 1 })),
      },
      rules: (entry, _context, report) => {
        if (entry.image.endsWith(':latest')) report('/image', entry.image, 'a pinned image');
      },
      provides: (entry) => ({
        awsWorkloads: [{ name: 'web', serviceAccounts: [`${entry.namespace ?? entry.name}:*`] }],
        uses: { databases: [entry.name], caches: entry.cache ? [entry.cache] : [], fileSystems: entry.fileSystem ? [entry.fileSystem] : [] },
      }),
      render: () => [],
    }),
  ],
};
