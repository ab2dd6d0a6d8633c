import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTree } from '@wavesmith/compiler';
import type { Finding } from '@wavesmith/model';
import { main, type Io } from '../src/main.js';

/**
 * Planted bad inputs, spec-level and output-level, all in one scratch repository: each is a
 * cluster file of its own (or a profile), so one `validate` reports every one of them at once.
 * Each asserts its rule id and the file and line that wrote the offending value, and the build
 * that fails on them leaves dist/ and argocd-apps/ byte-identical.
 */
const repo = fileURLToPath(new URL('../../..', import.meta.url));

function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), isTty: false, cwd: repo };
  return main(argv, io).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}

/** The line of a plant in its generated cluster file. */
const PLANT_LINE = 7;

/** A cluster file composing `profile` (by default the tbyte-dev cluster) with an override layer whose line 7 is `plant`. */
const clusterFile = (name: string, plant: string, profile = 'tbyteDev', from = './tbyte-dev.js') =>
  [
    "import { composeCluster } from '@wavesmith/model';",
    from.startsWith('./profiles/') ? `import { ${profile} } from '${from}';` : `import ${profile} from '${from}';`,
    '',
    `export default composeCluster(${profile}, {`,
    `  name: '${name}',`,
    "  environment: 'dev',",
    `  ${plant}`,
    '});',
    '',
  ].join('\n');

/** A Deployment of a custom component, restricted but for the container's, its security context's and the pod's overrides. */
const deployment = (container: string, pod = '', security = '') =>
  `{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'extra' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { ${pod}securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'web', image: 'nginx:1.27.0', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }${security} }${container} }] } } } }`;
const custom = (manifest: string, extra = '') => `platform: [{ name: 'extra', tier: 'platform', namespace: 'extra'${extra}, manifests: [${manifest}] }],`;

interface Plant {
  readonly name: string;
  /** Line 7 of the plant's cluster file. */
  readonly plant: string;
  readonly rule: string;
  /** Where the finding points, when not line 7 of the plant's own file. */
  readonly at?: { readonly file: string; readonly line?: number };
  readonly profile?: readonly [name: string, from: string];
}

const SPEC_PLANTS: readonly Plant[] = [
  { name: 'typo-field', plant: "enviroment: 'dev',", rule: 'schema-unknown-field' },
  { name: 'unknown-cloud', plant: "provider: { cloud: 'gcp' },", rule: 'schema-enum' },
  { name: 'bad-cidr', plant: "network: { cidr: '10.0.0.0/33' },", rule: 'schema-format' },
  { name: 'huge-pool', plant: "nodePools: [{ name: 'system', minSize: 5000 }],", rule: 'schema-range' },
  { name: 'version-number', plant: 'kubernetesVersion: 133 as never,', rule: 'schema-type' },
  { name: 'pool-without-types', plant: "nodePools: [{ name: 'extra', image: 'bottlerocket', minSize: 1, maxSize: 2, diskGiB: 20 } as never],", rule: 'schema-required' },
  { name: 'latest-image', plant: "apps: [{ name: 'tbyte', frontend: { image: 'ghcr.io/chiju/tbyte-frontend:latest' } }],", rule: 'schema-format' },
  { name: 'waiver-no-reason', plant: "waivers: [{ rule: 'pod-privileged', reason: 'x' }],", rule: 'schema-range' },
  { name: 'bad-region', plant: "provider: { region: 'us-east1' },", rule: 'region-unknown' },
  { name: 'overlapping-subnet', plant: "network: { subnets: [{ name: 'private-a', cidr: '10.0.0.0/19' }] },", rule: 'subnet-overlap' },
  { name: 'subnet-outside', plant: "network: { subnets: [{ name: 'private-b', cidr: '10.9.0.0/19' }] },", rule: 'subnet-outside-network' },
  { name: 'service-range', plant: "network: { serviceCidr: '10.0.0.0/16' },", rule: 'cidr-overlap' },
  { name: 'admin-world', plant: "network: { adminCidrs: ['0.0.0.0/1', '128.0.0.0/1'] },", rule: 'admin-cidr-world' },
  { name: 'admin-broad', plant: "network: { adminCidrs: ['12.0.0.0/6'] },", rule: 'admin-cidr-broad' },
  { name: 'ssh-world', plant: "cloud: { vpn: { subnet: 'public-a', ports: [{ port: 22, from: 'anywhere', description: 'SSH' }] } },", rule: 'admin-port-world' },
  { name: 'port-order', plant: "cloud: { vpn: { subnet: 'public-a', ports: [{ port: 443, toPort: 80, from: 'network', description: 'web' }] } },", rule: 'port-range-order' },
  { name: 'vpn-private', plant: "cloud: { vpn: { subnet: 'private-a', ports: [{ port: 443, from: 'network', description: 'web' }] } },", rule: 'vpn-subnet' },
  { name: 'pool-order', plant: "nodePools: [{ name: 'system', minSize: 3, maxSize: 2, desiredSize: 2 }],", rule: 'node-pool-size' },
  { name: 'pool-image', plant: "nodePools: [{ name: 'system', image: 'ubuntu-22.04' }],", rule: 'node-pool-image' },
  { name: 'twice-vault', plant: "platform: [{ name: 'vault' }, { name: 'vault' }],", rule: 'duplicate-name' },
  { name: 'rancher-alone', plant: "platform: [{ name: 'rancher', hostname: 'rancher.example.com' }],", rule: 'component-requires' },
  { name: 'eks-on-azure', plant: "provider: { cloud: 'azure' },", rule: 'provider-distribution' },
  { name: 'nan-cache', plant: "cloud: { caches: [{ name: 'c', nodes: Number.NaN }] },", rule: 'value-not-json' },
  { name: 'bigint-disk', plant: "nodePools: [{ name: 'system', diskGiB: 50n as never }],", rule: 'value-not-json' },
  { name: 'circular-app', plant: "apps: [(() => { const a: Record<string, unknown> = { name: 'tbyte' }; a.self = a; return a as never; })()],", rule: 'value-not-json' },
  { name: 'replicas-order', plant: "apps: [{ name: 'tbyte', backend: { image: 'ghcr.io/chiju/tbyte-backend:1.0.0', replicas: { min: 5, max: 2 } } }],", rule: 'replica-range-order' },
  { name: 'root-backend', plant: "apps: [{ name: 'tbyte', backend: { image: 'ghcr.io/chiju/tbyte-backend:1.0.0', security: { runAsUser: 0 } } }],", rule: 'pod-run-as-root' },
  { name: 'waiver-typo', plant: "waivers: [{ rule: 'pod-run-as-rot', reason: 'the vendor image needs it for now' }],", rule: 'waiver-unknown-rule' },
  { name: 'waiver-secret', plant: "waivers: [{ rule: 'secret-literal-data', reason: 'a test fixture Secret for now' }],", rule: 'waiver-not-waivable' },
  { name: 'waiver-expired', plant: "waivers: [{ rule: 'admin-cidr-broad', reason: 'the old office range', expires: '2020-01-01' }],", rule: 'waiver-expired' },
  { name: 'waiver-unused', plant: "waivers: [{ rule: 'pod-privileged', component: 'nothing-here', reason: 'a node agent that needs the host' }],", rule: 'waiver-unused' },
  { name: 'karpenter-aks', plant: "platform: [{ name: 'karpenter' }],", rule: 'component-distribution', profile: ['rocketchatOnAzure', './profiles/rocketchat.js'] },
  { name: 'loki-s3-aks', plant: "platform: [{ name: 'loki', storage: 's3' }],", rule: 'loki-s3-needs-eks', profile: ['rocketchatOnAzure', './profiles/rocketchat.js'] },
  { name: 'loki-replicas', plant: "platform: [{ name: 'loki', storage: 'filesystem', replicas: { dev: 2 } }],", rule: 'component-options' },
  { name: 'profile-nat', plant: '', rule: 'schema-enum', profile: ['planted', './profiles/planted.js'], at: { file: 'clusters/profiles/planted.ts', line: 5 } },
];

const OUTPUT_PLANTS: readonly Plant[] = [
  { name: 'privileged', plant: custom(deployment('', '', ', privileged: true')), rule: 'pod-privileged' },
  { name: 'latest-nginx', plant: custom(deployment(", image: 'nginx:latest'")), rule: 'image-unpinned' },
  { name: 'untagged', plant: custom(deployment(", image: 'nginx'")), rule: 'image-unpinned' },
  { name: 'host-network', plant: custom(deployment('', 'hostNetwork: true, ')), rule: 'pod-host-namespaces' },
  { name: 'host-path', plant: custom(deployment('', "volumes: [{ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }], ")), rule: 'pod-volume-type' },
  { name: 'host-port', plant: custom(deployment(', ports: [{ containerPort: 8080, hostPort: 8080 }]')), rule: 'pod-host-port' },
  { name: 'root-manifest', plant: custom(deployment('', '', ', runAsUser: 0')), rule: 'pod-run-as-root' },
  { name: 'escalation', plant: custom(deployment('').replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true')), rule: 'pod-privilege-escalation' },
  { name: 'sys-admin', plant: custom(deployment('').replace("drop: ['ALL']", "drop: ['ALL'], add: ['SYS_ADMIN']")), rule: 'pod-capabilities' },
  { name: 'unconfined', plant: custom(deployment('').replace("seccompProfile: { type: 'RuntimeDefault' }", "seccompProfile: { type: 'Unconfined' }")), rule: 'pod-seccomp' },
  { name: 'literal-secret', plant: custom("{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token', namespace: 'extra' }, data: { token: 'c2VjcmV0' } }"), rule: 'secret-literal-data' },
  { name: 'bad-schema', plant: custom(deployment('').replace("spec: { selector", "spec: { replicas: 'two', selector")), rule: 'k8s-schema' },
  { name: 'unknown-kind', plant: custom("{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'extra' } }", ", installsCrds: ['example.com/Widget']"), rule: 'k8s-unknown-kind' },
  { name: 'key-in-configmap', plant: custom("{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'keys', namespace: 'extra' }, data: { key: 'AKIAABCDEFGHIJKLMNOP' } }"), rule: 'secret-in-output' },
  {
    name: 'cr-before-crd',
    plant:
      "platform: [{ name: 'gadgets', tier: 'platform', namespace: 'gadgets', helm: { repoURL: 'https://charts.example.com', chart: 'gadgets', version: '1.0.0' }, installsCrds: ['example.com/Gadget'] }, { name: 'early', tier: 'core', namespace: 'early', manifests: [{ apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g', namespace: 'early' } }] }],",
    rule: 'wave-plan',
  },
];

const PLANTS = [...SPEC_PLANTS, ...OUTPUT_PLANTS];

/** The opt-in the model and the output checks agree on: root, accepted for the backend with a reason. */
const OPTED_IN = "apps: [{ name: 'tbyte', backend: { image: 'ghcr.io/chiju/tbyte-backend:1.0.0', security: { runAsUser: 0 }, allowUnsafe: { reason: 'the vendor image only runs as root', runAsRoot: true } } }],";

describe('planted bad inputs', () => {
  let root: string;
  let before: Record<string, string>;
  let report: { findings: Finding[]; errors: number; warnings: number; waived: number; clusters: number };
  let validated: { code: number; out: string };
  let sarif: string;

  beforeAll(async () => {
    await mkdir(join(repo, '.test-roots'), { recursive: true });
    root = await mkdtemp(join(repo, '.test-roots', 'planted-'));
    await cp(join(repo, 'clusters'), join(root, 'clusters'), { recursive: true, filter: (src) => !src.includes('/test') });
    await symlink(join(repo, 'apps'), join(root, 'apps'));
    await writeFile(join(root, 'package.json'), '{ "type": "module" }\n');
    await writeFile(join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
    expect((await run(['build', '--root', root, '--no-cache'])).code).toBe(0);
    before = Object.fromEntries(await readTree(root));

    await writeFile(
      join(root, 'clusters/profiles/planted.ts'),
      "import { composeCluster, type ClusterLayer } from '@wavesmith/model';\nimport tbyteDev from '../tbyte-dev.js';\n\nexport const planted: ClusterLayer = composeCluster(tbyteDev, {\n  network: { natGateways: 'sometimes' as never },\n});\n",
    );
    for (const p of PLANTS) await writeFile(join(root, `clusters/plant-${p.name}.ts`), clusterFile(`plant-${p.name}`, p.plant, ...(p.profile ?? [])));
    await writeFile(join(root, 'clusters/plant-opted-in.ts'), clusterFile('plant-opted-in', OPTED_IN));
    await writeFile(join(root, 'clusters/plant-renamed.ts'), clusterFile('other-name', ''));
    await writeFile(join(root, 'clusters/plant-syntax.ts'), clusterFile('plant-syntax', "network: { cidr: '10.0.0.0/16',, },"));
    await symlink(join(root, 'clusters/tbyte-dev.ts'), join(root, 'clusters/plant-link.ts'));

    validated = await run(['validate', '--root', root, '--format', 'json']);
    report = JSON.parse(validated.out) as typeof report;
    sarif = (await run(['validate', '--root', root, '--format', 'sarif'])).out;
  }, 300_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('fails validate with exit code 1 and reports every cluster in one pass', () => {
    expect(validated.code).toBe(1);
    expect(PLANTS.length + 4).toBeGreaterThanOrEqual(40);
    const clusters = new Set(report.findings.map((f) => f.cluster));
    for (const p of PLANTS) expect(clusters.has(`plant-${p.name}`), p.name).toBe(true);
    expect(report.errors).toBe(report.findings.filter((f) => f.severity === 'error' && !f.waived).length);
  });

  it.each(PLANTS.map((p) => [p.name, p] as const))('reports %s under its rule, at the file and line that wrote it', (_, p) => {
    const at = p.at ?? { file: `clusters/plant-${p.name}.ts`, line: PLANT_LINE };
    const own = report.findings.filter((f) => f.cluster === `plant-${p.name}` && f.rule === p.rule);
    expect(own.map((f) => `${f.source?.file}:${f.source?.line}`), JSON.stringify(report.findings.filter((f) => f.cluster === `plant-${p.name}`))).toContain(`${at.file}:${at.line}`);
  });

  it('reports output findings with the object, the rendered file and the JSON path, and traces the value to the manifest written in the spec', () => {
    const privileged = report.findings.find((f) => f.cluster === 'plant-privileged' && f.rule === 'pod-privileged')!;
    expect(privileged).toMatchObject({
      component: 'extra',
      object: { kind: 'Deployment', namespace: 'extra', name: 'web' },
      file: 'dist/plant-privileged/apps/extra/deployment-web.yaml',
      path: '/spec/template/spec/containers/0/securityContext/privileged',
      specPath: expect.stringMatching(/^\/platform\/\d+\/manifests\/0\/spec\/template\/spec\/containers\/0\/securityContext\/privileged$/),
    });
  });

  it('lets a typo not hide the other problems of its cluster', () => {
    const typo = report.findings.filter((f) => f.cluster === 'plant-typo-field').map((f) => f.rule);
    expect(typo).toEqual(['schema-unknown-field']);
    const pools = report.findings.filter((f) => f.cluster === 'plant-pool-without-types').map((f) => f.rule);
    expect(pools).toContain('schema-required');
  });

  it('reports a cluster named unlike its file, a syntax error and a linked cluster file, where each is', () => {
    const find = (cluster: string, rule: string) => report.findings.find((f) => f.cluster === cluster && f.rule === rule);
    expect(find('other-name', 'cluster-name-mismatch')?.source).toEqual({ file: 'clusters/plant-renamed.ts', line: 5, column: 3 });
    expect(find('plant-syntax', 'cluster-file-load')?.source).toMatchObject({ file: 'clusters/plant-syntax.ts', line: 7 });
    expect(find('plant-link', 'cluster-file-link')?.source).toEqual({ file: 'clusters/plant-link.ts' });
  });

  it('accepts root opted into with allowUnsafe in the spec and in the rendered pod alike, under a baseline namespace', () => {
    const own = report.findings.filter((f) => f.cluster === 'plant-opted-in');
    // The spec's runAsUser: 0, then the rendered container's and pod's: one opt-in waives all three, and the namespace enforces baseline, so admission lets the pod in.
    expect(own.map((f) => [f.rule, f.component, f.path, f.waived?.reason, `${f.source?.file}:${f.source?.line}`])).toEqual([
      ['pod-run-as-root', 'tbyte', '/apps/0/backend/security/runAsUser', 'the vendor image only runs as root', `clusters/plant-opted-in.ts:${PLANT_LINE}`],
      ['pod-run-as-root', 'tbyte-backend', '/spec/template/spec/containers/0/securityContext/runAsUser', 'the vendor image only runs as root', `clusters/plant-opted-in.ts:${PLANT_LINE}`],
      ['pod-run-as-root', 'tbyte-backend', '/spec/template/spec/securityContext/runAsUser', 'the vendor image only runs as root', `clusters/plant-opted-in.ts:${PLANT_LINE}`],
    ]);
    expect(new Set(own.map((f) => f.waived?.specPath))).toEqual(new Set(['/apps/0/backend/allowUnsafe']));
    expect(own.filter((f) => f.file !== undefined).map((f) => f.object)).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'tbyte', name: 'backend' },
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'tbyte', name: 'backend' },
    ]);
  });

  it('prints JSON that its published schema (docs/findings.schema.json) accepts', async () => {
    const schema = JSON.parse(await readFile(join(repo, 'docs/findings.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect([validate(report), validate.errors]).toEqual([true, null]);
    expect(validate({ ...report, findings: [{ rule: 'Not Kebab', severity: 'fatal' }] })).toBe(false);
  });

  it('prints SARIF 2.1.0 that the published SARIF schema accepts, with a suppression for each waived finding', async () => {
    const schema = JSON.parse(await readFile(createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
    // The schema's language pattern is written for non-Unicode regular expressions; its "uri" and
    // "date-time" formats are not checked (artifact locations are relative paths, which SARIF allows).
    const validate = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false }).compile(schema);
    const log = JSON.parse(sarif) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; suppressions?: unknown[]; locations: { physicalLocation: { region?: { startLine: number } } }[] }[] }[] };
    expect([validate(log), validate.errors]).toEqual([true, null]);
    expect(log.version).toBe('2.1.0');
    const [runLog] = log.runs;
    expect(runLog!.results).toHaveLength(report.findings.length);
    expect(runLog!.results.filter((r) => r.suppressions !== undefined)).toHaveLength(report.waived);
    expect(runLog!.tool.driver.rules.map((r) => r.id)).toContain('pod-privileged');
    expect(runLog!.results.find((r) => r.ruleId === 'subnet-overlap')?.locations[0]?.physicalLocation.region?.startLine).toBe(PLANT_LINE);
  });

  it('prints GitHub annotations with the file, line and column of each finding not waived', async () => {
    const { out } = await run(['validate', '--root', root, '--format', 'github', '--cluster', 'plant-overlapping-subnet', '--cluster', 'plant-waiver-unused']);
    expect(out.split('\n')).toEqual([
      expect.stringMatching(/^::error file=clusters\/plant-overlapping-subnet\.ts,line=7,col=\d+,title=subnet-overlap \(plant-overlapping-subnet\)::\/network\/subnets\/3\/cidr: got "10\.0\.0\.0\/19"; allowed: a range that does not overlap subnet "public-a" \(10\.0\.0\.0\/20\)$/),
      expect.stringMatching(/^::warning file=clusters\/plant-waiver-unused\.ts,line=7,col=\d+,title=waiver-unused \(plant-waiver-unused\)::\/waivers\/0: got "pod-privileged"; allowed: /),
    ]);
  });

  it('fails build with exit code 1, prints the findings grouped by cluster and component, and leaves the output byte-identical', async () => {
    const result = await run(['build', '--root', root, '--no-cache']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^cluster plant-privileged: \d+ errors?, 0 warnings, 0 waived\n {2}extra: \d+ errors?, 0 warnings, 0 waived\n/m);
    expect(result.err).toMatch(/^ {4}clusters\/plant-privileged\.ts:7:\d+: error \[pod-privileged\] Deployment extra\/web \/spec\/template\/spec\/containers\/0\/securityContext\/privileged: container web: privileged must not be true\n {6}rendered in dist\/plant-privileged\/apps\/extra\/deployment-web\.yaml$/m);
    expect(result.err).toMatch(/^\d+ clusters checked: \d+ errors, \d+ warnings, 4 waived\nwavesmith: Nothing was written\.$/m);
    expect(Object.fromEntries(await readTree(root))).toEqual(before);
  }, 300_000);
});
