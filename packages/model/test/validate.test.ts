import { describe, expect, it } from 'vitest';
import { formatFinding, validateCluster, type Finding } from '../src/index.js';
import { TEST_REGISTRY, clusterWith, validCluster } from './fixtures.js';

const FILE = 'clusters/demo.ts';

function issuesOf(input: unknown): Finding[] {
  const result = validateCluster(input, FILE, TEST_REGISTRY);
  expect(result.spec).toBeUndefined();
  return [...result.findings];
}

describe('validateCluster', () => {
  it('accepts a valid cluster and fills in defaults without touching the input', () => {
    const input = structuredClone(validCluster);
    const result = validateCluster(input, FILE, TEST_REGISTRY);
    expect(result.findings).toEqual([]);
    expect(result.spec?.network.natGateways).toBe('one-per-az');
    expect(result.spec?.nodePools[0]?.role).toBe('worker');
    expect(result.spec?.nodePools[0]?.maxUnavailable).toBe(1);
    expect(input.network).not.toHaveProperty('natGateways');
  });

  const cases: { name: string; edit: (spec: any) => void; issue: Omit<Partial<Finding>, 'allowed'> & { allowed: string | RegExp } }[] = [
    {
      name: 'rejects a CIDR with a prefix longer than 32',
      edit: (s) => (s.network.cidr = '10.0.0.0/33'),
      issue: { rule: 'schema-format', path: '/network/cidr', value: '10.0.0.0/33', allowed: 'an IPv4 CIDR block with no host bits set, such as 10.0.0.0/16' },
    },
    {
      name: 'rejects a CIDR with host bits set',
      edit: (s) => (s.network.subnets[0].cidr = '10.0.0.5/24'),
      issue: { rule: 'schema-format', path: '/network/subnets/0/cidr', value: '10.0.0.5/24', allowed: /no host bits set/ },
    },
    {
      name: 'rejects an unknown cloud provider',
      edit: (s) => (s.provider.cloud = 'gcp'),
      issue: { rule: 'schema-enum', path: '/provider/cloud', value: 'gcp', allowed: 'one of "aws", "azure"' },
    },
    {
      name: 'rejects a negative node pool size',
      edit: (s) => (s.nodePools[0].minSize = -1),
      issue: { rule: 'schema-range', path: '/nodePools/0/minSize', value: -1, allowed: 'a number >= 0' },
    },
    {
      name: 'rejects a misspelled field and suggests the right one',
      edit: (s) => {
        s.kubernetesVerison = s.kubernetesVersion;
      },
      issue: { rule: 'schema-unknown-field', path: '/kubernetesVerison', value: '1.33', allowed: /^did you mean "kubernetesVersion"\? known fields here: name, environment, / },
    },
    {
      name: 'rejects a platform component listed twice',
      edit: (s) => s.platform.push({ name: 'keda' }, { name: 'keda' }),
      issue: { rule: 'duplicate-name', path: '/platform/2/name', value: 'keda', allowed: 'a platform component name not already used (/platform/1 is also named "keda")' },
    },
    {
      name: 'rejects a subnet outside the network',
      edit: (s) => (s.network.subnets[2].cidr = '10.1.0.0/24'),
      issue: { rule: 'subnet-outside-network', path: '/network/subnets/2/cidr', value: '10.1.0.0/24', allowed: 'a range inside the network 10.0.0.0/16 (subnet "private-a" lies outside it)' },
    },
    {
      name: 'rejects overlapping subnets, naming the one overlapped',
      edit: (s) => (s.network.subnets[3].cidr = '10.0.10.128/25'),
      issue: { rule: 'subnet-overlap', path: '/network/subnets/3/cidr', value: '10.0.10.128/25', allowed: 'a range that does not overlap subnet "private-a" (10.0.10.0/24)' },
    },
    {
      name: 'rejects a service CIDR inside the network',
      edit: (s) => (s.network.serviceCidr = '10.0.128.0/17'),
      issue: { rule: 'cidr-overlap', path: '/network/serviceCidr', value: '10.0.128.0/17', allowed: 'a range apart from /network/cidr (10.0.0.0/16)' },
    },
    {
      name: 'rejects an admin range open to the whole internet',
      edit: (s) => (s.network.adminCidrs = ['0.0.0.0/0']),
      issue: { rule: 'admin-cidr-world', path: '/network/adminCidrs/0', value: '0.0.0.0/0', allowed: /admin ports are never open to the whole internet/ },
    },
    {
      name: 'rejects a cluster name that is not a DNS label',
      edit: (s) => (s.name = 'Demo_Cluster'),
      issue: { rule: 'schema-format', path: '/name', value: 'Demo_Cluster', allowed: /^a DNS-1123 label/ },
    },
    {
      name: 'rejects an unsupported Kubernetes version',
      edit: (s) => (s.kubernetesVersion = '1.40'),
      issue: { rule: 'schema-format', path: '/kubernetesVersion', value: '1.40', allowed: 'a Kubernetes version from 1.26 to 1.34, as 1.33 or 1.31.11' },
    },
    {
      name: 'rejects EKS on Azure',
      edit: (s) => {
        s.provider = { cloud: 'azure', region: 'eastus', subscriptionId: '00000000-0000-4000-8000-000000000000' };
        s.network.subnets.forEach((n: { zone?: string }) => delete n.zone);
      },
      issue: { rule: 'provider-distribution', path: '/provider/cloud', value: 'azure', allowed: '"aws" for distribution "eks"' },
    },
    {
      name: 'rejects a missing required section',
      edit: (s) => delete s.gitops,
      issue: { rule: 'schema-required', path: '/gitops', value: undefined, allowed: 'a value: this field is required' },
    },
    {
      name: 'rejects a node pool whose minimum exceeds its maximum',
      edit: (s) => Object.assign(s.nodePools[0], { minSize: 5, maxSize: 4 }),
      issue: { rule: 'node-pool-size', path: '/nodePools/0/minSize', value: 5, allowed: 'at most maxSize (4)' },
    },
    {
      name: 'rejects an unknown environment, listing the known ones',
      edit: (s) => (s.environment = 'production'),
      issue: { rule: 'schema-enum', path: '/environment', value: 'production', allowed: 'one of "dev", "staging", "prod"' },
    },
    {
      name: 'rejects a Git URL that is not one',
      edit: (s) => (s.gitops.repoURL = 'github.com/x/y'),
      issue: { rule: 'schema-format', path: '/gitops/repoURL', value: 'github.com/x/y', allowed: 'a Git URL (https://..., ssh://... or git@host:path)' },
    },
    {
      name: 'rejects an image that does not fit the distribution',
      edit: (s) => (s.nodePools[0].image = 'ubuntu-22.04'),
      issue: { rule: 'node-pool-image', path: '/nodePools/0/image', value: 'ubuntu-22.04', allowed: 'one of al2023, bottlerocket on eks' },
    },
    {
      name: 'rejects EKS with private subnets in a single zone',
      edit: (s) => (s.network.subnets[3].zone = 'a'),
      issue: { rule: 'eks-private-zones', path: '/network/subnets', value: ['a'], allowed: 'private subnets in at least 2 availability zones (EKS requires two)' },
    },
  ];

  for (const { name, edit, issue } of cases) {
    it(name, () => {
      const issues = issuesOf(clusterWith(edit));
      const match = issues.find((i) => i.path === issue.path);
      expect(match, `issues were: ${issues.map(formatFinding).join('\n')}`).toBeDefined();
      expect(match!.rule).toBe(issue.rule);
      expect(match!.value).toEqual(issue.value);
      if (typeof issue.allowed === 'string') expect(match!.allowed).toBe(issue.allowed);
      else expect(match!.allowed).toMatch(issue.allowed);
    });
  }

  it('collects every problem of a spec rather than stopping at the first', () => {
    const issues = issuesOf(
      clusterWith((s) => {
        s.environment = 'qa';
        s.network.cidr = 'ten';
        s.nodePools[0].diskGiB = 5;
      }),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(['/environment', '/network/cidr', '/nodePools/0/diskGiB']);
  });

  it('formats a finding with its place, severity, rule, cluster, path, value and what is allowed', () => {
    const [issue] = issuesOf(clusterWith((s) => (s.provider.cloud = 'gcp')));
    expect(formatFinding({ ...issue!, source: { file: 'clusters/demo.ts', line: 4, column: 3 } })).toBe(
      'clusters/demo.ts:4:3: error [schema-enum] cluster demo /provider/cloud: got "gcp"; allowed: one of "aws", "azure"',
    );
  });

  it('names the cluster after its file when the name itself is unusable', () => {
    const [issue] = issuesOf(clusterWith((s) => (s.name = 42)));
    expect(issue!.cluster).toBe('demo');
  });
});
