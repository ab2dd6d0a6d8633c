/**
 * A synthetic fleet for the benchmark: N cluster files composed from the real profiles in
 * clusters/profiles/, with varied names, environments, node pool sizes and component sets, in
 * a folder laid out like this repository so that `wavesmith build --root DIR` works on it.
 * Deterministic: the same N and seed give the same files.
 */
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What one generated cluster is made of. */
export interface ClusterPlan {
  readonly name: string;
  readonly archetype: Archetype;
  readonly environment: 'dev' | 'staging' | 'prod';
  /** Nodes: the pool's minimum (and desired) size; the maximum is twice that. */
  readonly nodes: number;
  /** Optional platform components added to what the profile brings. */
  readonly extras: readonly string[];
}

/** The profiles a cluster is composed from, as in clusters/: one per kind of cluster there. */
export const ARCHETYPES = ['tbyte', 'rocketchat-aws', 'rocketchat-azure', 'vet', 'eks', 'kubeadm'] as const;
export type Archetype = (typeof ARCHETYPES)[number];

const PREFIX: Record<Archetype, string> = { tbyte: 'tbyte', 'rocketchat-aws': 'chat-aws', 'rocketchat-azure': 'chat-az', vet: 'vet', eks: 'ops', kubeadm: 'lab' };
const PLACES = ['ams', 'fra', 'iad', 'lon', 'nyc', 'par', 'sfo', 'sgp', 'syd', 'tyo'];
const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
/** Components an archetype may add to its profile, in groups that go together; each cluster takes a random subset of groups. */
const OPTIONAL: Record<Archetype, readonly (readonly string[])[]> = {
  tbyte: [],
  'rocketchat-aws': [],
  'rocketchat-azure': [],
  vet: [],
  eks: [['aws-load-balancer-controller'], ['cluster-autoscaler'], ['kube-prometheus-stack'], ['loki', 'promtail'], ['tempo'], ['keda']],
  kubeadm: [['kube-prometheus-stack'], ['loki', 'promtail']],
};

/** The plans of a fleet of `count` clusters; archetypes in turn, the rest drawn from `seed`. */
export function planFleet(count: number, seed = 1): ClusterPlan[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const archetype = ARCHETYPES[i % ARCHETYPES.length]!;
    return {
      name: `${PREFIX[archetype]}-${pick(PLACES)}-${String(i).padStart(4, '0')}`,
      archetype,
      environment: pick(ENVIRONMENTS),
      nodes: 2 + Math.floor(random() * 4),
      extras: OPTIONAL[archetype].filter(() => random() < 0.5).flat(),
    };
  });
}

/**
 * The source of a cluster file. `variant` changes one value (the node pool's maximum size),
 * which is how the benchmark makes a one-value change in one cluster.
 */
export function clusterSource(plan: ClusterPlan, variant = 0): string {
  const { name, environment, nodes } = plan;
  const max = nodes * 2 + variant;
  const platform = plan.extras.map((component) => `{ name: '${component}' }`);
  const fields = (lines: readonly string[]) => lines.filter((l) => l !== '').map((l) => `  ${l},\n`).join('');
  const platformLine = (extra: readonly string[] = []) => ([...platform, ...extra].length > 0 ? `platform: [${[...platform, ...extra].join(', ')}]` : '');
  const common = [`name: '${name}'`, `environment: '${environment}'`];
  switch (plan.archetype) {
    case 'tbyte':
      return cluster('tbyte', './profiles/tbyte.js', [
        ...common,
        `network: { natGateways: '${environment === 'prod' ? 'one-per-az' : 'single'}' }`,
        `nodePools: [{ name: 'system', instanceTypes: ['${environment === 'prod' ? 'm6i.large' : 't3.medium'}'], minSize: ${nodes}, maxSize: ${max}, desiredSize: ${nodes} }]`,
        platformLine(environment === 'prod' ? ["{ name: 'vault', ha: true }"] : []),
        `cloud: { databases: [{ name: 'tbyte', instance: '${environment === 'prod' ? 'rds' : 'in-cluster'}' }] }`,
      ]);
    case 'rocketchat-aws':
    case 'rocketchat-azure': {
      const [profile, instance, image] =
        plan.archetype === 'rocketchat-aws' ? ['rocketchatOnAws', 't3.medium', 'al2023'] : ['rocketchatOnAzure', 'Standard_B2s', 'ubuntu-22.04'];
      return cluster(profile, './profiles/rocketchat.js', [
        ...common,
        `nodePools: [{ name: 'general', instanceTypes: ['${instance}'], image: '${image}', minSize: ${nodes}, maxSize: ${max}, desiredSize: ${nodes}, diskGiB: 64 }]`,
        `apps: [{ name: 'rocketchat', chart: 'rocketchat', host: '${name}.chat.example.com' }]`,
        platformLine(),
      ]);
    }
    case 'vet':
      return cluster('vet', './profiles/vet.js', [
        ...common,
        `network: { natGateways: 'single' }`,
        `platform: [{ name: 'rancher', hostname: 'rancher.${name}.example.com' }]`,
        `apps: [{ name: 'vet-app', chart: 'vet-app', host: '${name}.example.com' }]`,
        `cloud: { dns: { zone: 'example.com', records: ['${name}', 'rancher.${name}'] } }`,
        `nodePools: [
    { name: 'server', role: 'control-plane', instanceTypes: ['t3.medium'], image: 'ubuntu-22.04', minSize: 1, maxSize: 1, diskGiB: 50 },
    { name: 'agent', instanceTypes: ['t3.medium'], image: 'ubuntu-22.04', minSize: ${nodes}, maxSize: ${max}, diskGiB: 50 },
  ]`,
      ]);
    case 'eks':
      return cluster('eks', './profiles/eks.js', [
        ...common,
        `network: { ...threeZoneVpc.network, natGateways: 'single' }`,
        `nodePools: [{ name: 'general', instanceTypes: ['m6i.large'], image: 'bottlerocket', minSize: ${nodes}, maxSize: ${max}, desiredSize: ${nodes}, diskGiB: 100 }]`,
        platformLine(),
      ], 'eks, threeZoneVpc');
    case 'kubeadm':
      return cluster('fleet', './profiles/fleet.js', [
        ...common,
        `distribution: 'kubeadm'`,
        `provider: { cloud: 'aws', region: 'us-east-1', accountId: '111122223333' }`,
        `kubernetesVersion: '1.31'`,
        `network: {
    cidr: '10.0.0.0/16',
    subnets: [
      { name: 'public', cidr: '10.0.0.0/24', role: 'public', zone: 'a' },
      { name: 'private-1', cidr: '10.0.1.0/24', role: 'private', zone: 'a' },
      { name: 'private-2', cidr: '10.0.2.0/24', role: 'private', zone: 'b' },
    ],
    natGateways: 'single',
    podCidr: '10.244.0.0/16',
    adminCidrs: ['203.0.113.10/32'],
  }`,
        `nodePools: [
    { name: 'control-plane', role: 'control-plane', instanceTypes: ['t3.medium'], image: 'ubuntu-22.04', minSize: 1, maxSize: 1, diskGiB: 30, subnetRole: 'public' },
    { name: 'workers', instanceTypes: ['t3.small'], image: 'ubuntu-22.04', minSize: ${nodes}, maxSize: ${max}, diskGiB: 30 },
  ]`,
        // Volumes of Prometheus and Loki need a storage driver: kubeadm brings none.
        platformLine(["{ name: 'ebs-csi-driver' }"]),
      ]);
  }

  function cluster(profile: string, from: string, lines: readonly string[], imports = profile): string {
    return `import { composeCluster } from '@wavesmith/model';\nimport { ${imports} } from '${from}';\n\nexport default composeCluster(${profile}, {\n${fields(lines)}});\n`;
  }
}

/** Files of this repository a fleet folder links to, so that it builds like the repository itself. */
const LINKED = ['packages', 'apps', 'package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'tsconfig.base.json'];

/**
 * Writes a fleet into `dir` (emptied first): clusters/ with what the repository's cluster files
 * import (profiles, chart facts) and one generated file per plan, and with
 * `withRepositoryClusters` the repository's own cluster files too (issue 13 measures "the 8 in clusters/ plus 100 varied copies"); the repository's packages,
 * lockfile and node_modules linked, except node_modules/.cache, so the fleet's caches are its own.
 */
export function writeFleet(repo: string, dir: string, plans: readonly ClusterPlan[], options: { withRepositoryClusters?: boolean } = {}): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  for (const entry of LINKED) symlinkSync(join(repo, entry), join(dir, entry));
  for (const entry of readdirSync(join(repo, 'node_modules'))) {
    if (entry !== '.cache') symlinkSync(join(repo, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
  // What cluster files compose and import (profiles, chart facts, the package's own files); not the cluster files or tests.
  for (const entry of readdirSync(join(repo, 'clusters'), { withFileTypes: true })) {
    const isCluster = entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts');
    if (!isCluster && !['test', 'node_modules'].includes(entry.name)) cpSync(join(repo, 'clusters', entry.name), join(dir, 'clusters', entry.name), { recursive: true });
  }
  for (const plan of plans) writeFileSync(join(dir, 'clusters', `${plan.name}.ts`), clusterSource(plan));
  if (options.withRepositoryClusters) {
    for (const file of readdirSync(join(repo, 'clusters')).filter((f) => f.endsWith('.ts'))) cpSync(join(repo, 'clusters', file), join(dir, 'clusters', file));
  }
}

/** Rewrites one cluster file with a changed value. */
export function changeCluster(dir: string, plan: ClusterPlan, variant: number): void {
  writeFileSync(join(dir, 'clusters', `${plan.name}.ts`), clusterSource(plan, variant));
}

/** A small seeded generator (mulberry32), so the same seed gives the same fleet. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
