import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTerraform } from '@wavesmith/checks';
import { isBlocking, loadFleet } from '@wavesmith/model';
import { checkFleet, renderChecked, validateFleet } from '../src/check-fleet.js';
import { loadRegistry } from '../src/registry.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

/** A node agent that needs the host's network: accepted on one cluster by a waiver with a reason. */
const AGENT = `{ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'agent' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { hostNetwork: true, securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'agent', image: 'example/agent:1.0.0', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }] } } } }`;
const cluster = (name: string, waivers: string) => `import { composeCluster } from '@wavesmith/model';
import { tbyte } from './profiles/tbyte.js';

export default composeCluster(tbyte, {
  name: '${name}',
  environment: 'dev',
  platform: [{ name: 'agent', tier: 'platform', namespace: 'agent', manifests: [${AGENT}] }], cloud: { databases: [{ name: 'tbyte', instance: 'in-cluster' }] },
  waivers: [${waivers}],
});
`;

describe('checkFleet', () => {
  let root: string;

  beforeAll(async () => {
    await mkdir(join(repo, '.test-roots'), { recursive: true });
    root = await mkdtemp(join(repo, '.test-roots', 'fleet-'));
    await mkdir(join(root, 'clusters'));
    for (const folder of ['profiles', 'facts']) await cp(join(repo, 'clusters', folder), join(root, 'clusters', folder), { recursive: true });
    await symlink(join(repo, 'apps'), join(root, 'apps'));
    await writeFile(join(root, 'package.json'), '{ "type": "module" }\n');
    const waiver = "{ rule: 'pod-host-namespaces', component: 'agent', object: { kind: 'DaemonSet', name: 'agent' }, reason: 'the agent reads the node network', expires: '2999-12-31' }";
    await writeFile(join(root, 'clusters/waived.ts'), cluster('waived', waiver));
    await writeFile(join(root, 'clusters/unwaived.ts'), cluster('unwaived', ''));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('waives an output finding by rule, component and object, and blocks the same finding on a cluster without the waiver', async () => {
    const check = await validateFleet(root, { today: '2025-06-01' });
    const summary = check.findings.map((f) => [f.cluster, f.rule, f.object?.name, f.waived?.reason, `${f.source?.file}:${f.source?.line}`]);
    expect(summary).toEqual([
      ['unwaived', 'pod-host-namespaces', 'agent', undefined, 'clusters/unwaived.ts:7'],
      ['waived', 'pod-host-namespaces', 'agent', 'the agent reads the node network', 'clusters/waived.ts:7'],
    ]);
    expect(check.findings.find((f) => f.waived)?.waived?.source).toMatchObject({ file: 'clusters/waived.ts', line: 8 });
    expect(check.passed.map((c) => c.cluster.name)).toEqual(['waived']);
  });

  it('reports an expired waiver and the finding it no longer covers', async () => {
    const check = await validateFleet(root, { today: '3000-01-01', only: 'waived' });
    expect(check.findings.map((f) => [f.rule, f.severity, isBlocking(f)])).toEqual([
      ['waiver-expired', 'warning', false],
      ['pod-host-namespaces', 'error', true],
    ]);
  });

  it('reports a dangling Terraform reference at the cluster file, with the resource and its JSON path', async () => {
    const registry = await loadRegistry(root);
    const fleet = await loadFleet(root, registry, { only: 'waived' });
    // Our emitter cannot write a dangling reference; plant one in the rendered document.
    const check = await checkFleet(root, registry, fleet, async (loaded) => {
      const rendered = await renderChecked(loaded, registry);
      const file = rendered.files.find((f) => f.path.endsWith('main.tf.json'))!;
      const doc = JSON.parse(file.content) as { resource: Record<string, Record<string, unknown>> };
      doc.resource.aws_route = { extra: { route_table_id: '${aws_route_table.gone.id}', destination_cidr_block: '0.0.0.0/0' } };
      const dangling = checkTerraform(doc).map((p) => ({ ...p, file: file.path }));
      return { ...rendered, output: { ...rendered.output, problems: [...rendered.output.problems, ...dangling] } };
    });
    const finding = check.findings.find((f) => f.rule === 'tf-reference-undeclared');
    expect(finding).toMatchObject({
      cluster: 'waived',
      object: { kind: 'aws_route', name: 'extra' },
      file: 'dist/waived/terraform/main.tf.json',
      path: '/resource/aws_route/extra/route_table_id',
      message: 'resource.aws_route.extra: reference to aws_route_table.gone, which is not declared',
      source: { file: 'clusters/waived.ts', line: 4 },
    });
    expect(check.passed).toEqual([]);
  });
});
