import { fileURLToPath } from 'node:url';
import { checkPolicy, checkSecretLiterals, podSpecOf } from '@wavesmith/checks';
import { loadClusters } from '@wavesmith/model';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readUserData } from '../../terraform/test/user-data.js';
import { loadRegistry } from '../src/registry.js';
import { clusterComponents, renderCluster } from '../src/render-cluster.js';

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

type Json = Record<string, any>;

/** The Terraform document and one YAML object of a rendered cluster. */
async function rendered(name: string): Promise<{ terraform: Json; yaml: (path: string) => Json; files: readonly { path: string; content: string }[] }> {
  const { files } = await renderCluster(clusters.find((c) => c.spec.name === name)!.spec, registry);
  const file = (path: string) => files.find((f) => f.path === path)!.content;
  return { terraform: JSON.parse(file(`dist/${name}/terraform/main.tf.json`)), yaml: (path) => parse(file(path)), files };
}

/** Every `type.name.attribute` path of a resource argument that refers to `address`. */
function referencesTo(terraform: Json, address: string): string[] {
  const found: string[] = [];
  const visit = (value: unknown, at: string): void => {
    if (typeof value === 'string' && value.includes(address)) found.push(at);
    else if (Array.isArray(value)) value.forEach((v) => visit(v, at));
    else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) visit(v, at.split('.').length < 3 ? `${at}.${k}` : at);
  };
  for (const [type, byName] of Object.entries(terraform.resource as Json)) for (const [n, body] of Object.entries(byName as Json)) visit(body, `${type}.${n}`);
  for (const section of ['output', 'provider', 'locals', 'variable']) visit(terraform[section], section);
  return found;
}

const GENERATED = ['random_password', 'tls_private_key'];

describe('renderCluster', () => {
  it.each(clusters.map((c) => c.spec.name))('writes no secret literal into any file of %s', async (name) => {
    const { files } = await rendered(name);
    expect(checkSecretLiterals(files)).toEqual([]);
  });

  it.each(clusters.map((c) => c.spec.name))('sends every secret the Terraform of %s generates only to a secret store or its own consumer', async (name) => {
    const { terraform } = await rendered(name);
    const sinks = new Set(['aws_ssm_parameter', 'aws_secretsmanager_secret_version', 'aws_db_instance', 'tls_self_signed_cert']);
    for (const type of GENERATED) {
      for (const id of Object.keys(terraform.resource[type] ?? {})) {
        const uses = referencesTo(terraform, `${type}.${id}.`);
        expect(uses.length, `${type}.${id} is used`).toBeGreaterThan(0);
        for (const use of uses) expect(sinks.has(use.split('.')[0]!), `${type}.${id} used by ${use}`).toBe(true);
        for (const use of uses.filter((u) => u.startsWith('aws_ssm_parameter.'))) {
          expect(terraform.resource.aws_ssm_parameter[use.split('.')[1]!]).toMatchObject({ type: 'SecureString', key_id: '${aws_kms_key.node_secrets.arn}' });
        }
      }
    }
  });

  it.each(['vet-rke2-dev', 'vet-rke2-prod', 'kubeadm-lab'])('has the nodes of %s read their secrets by parameter name, allowed to exactly those parameters', async (name) => {
    const { terraform } = await rendered(name);
    const parameters = Object.values(terraform.resource.aws_ssm_parameter as Json).map((p) => p.name as string);
    const userData = Object.values(terraform.resource.aws_instance as Json).map((i) => i.user_data as string);
    for (const parameter of parameters) expect(userData.some((u) => u.includes(`--name ${parameter} `)), parameter).toBe(true);
    for (const u of userData) expect(u).not.toMatch(/(?<!\$)\$\{/);
  });

  it.each(clusters.map((c) => c.spec.name))('bootstraps %s with exactly the Argo CD its wave-0 Application then manages', async (name) => {
    const { terraform, yaml } = await rendered(name);
    const source = yaml(`dist/${name}/argocd/application-argocd.yaml`).spec.source;
    const root = yaml(`argocd-apps/${name}.yaml`);
    const release = terraform.resource.helm_release?.argocd;
    if (release) {
      expect({ name: release.name, repository: release.repository, chart: release.chart, version: release.version }).toEqual({
        name: source.helm.releaseName,
        repository: source.repoURL,
        chart: source.chart,
        version: source.targetRevision,
      });
      expect(parse(release.values[0])).toEqual(source.helm.valuesObject);
      expect(parse(terraform.resource.helm_release.argocd_root.values[0]).applications[root.metadata.name].source).toEqual(root.spec.source);
      return;
    }
    const first = Object.values(terraform.resource.aws_instance as Json).map((i) => parse(i.user_data as string)).filter((d) => JSON.stringify(d).includes('argocd-values'));
    expect(first).toHaveLength(1);
    const files = new Map<string, string>(first[0].write_files.map((f: Json) => [f.path, f.content]));
    expect(parse(files.get('/etc/wavesmith/argocd-values.yaml')!)).toEqual(source.helm.valuesObject);
    expect(parse(files.get('/etc/wavesmith/root-application.yaml')!)).toEqual(root);
    const install = first[0].runcmd.find((c: unknown) => Array.isArray(c) && c.includes('install') && c.includes(source.chart));
    expect(install.slice(1, 8)).toEqual(['install', source.helm.releaseName, source.chart, '--repo', source.repoURL, '--version', source.targetRevision]);
  });

  it("gives rocketchat-eks seed 000's ebs-gp3 and mongodb-storage classes, MongoDB's volumes on the retained one", async () => {
    const { yaml } = await rendered('rocketchat-eks');
    const classes = ['ebs-gp3', 'mongodb-storage'].map((name) => yaml(`dist/rocketchat-eks/apps/ebs-csi-driver/storageclass-${name}.yaml`));
    expect(classes.map((c) => [c.metadata.name, c.parameters.type, c.reclaimPolicy, c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class']])).toEqual([
      ['ebs-gp3', 'gp3', 'Delete', 'true'],
      ['mongodb-storage', 'gp3', 'Retain', undefined],
    ]);
    const mongodb = yaml('dist/rocketchat-eks/apps/rocketchat-mongodb/statefulset-mongodb.yaml');
    expect(mongodb.spec.volumeClaimTemplates.map((t: Json) => t.spec.storageClassName)).toEqual(['mongodb-storage']);
  });

  it("turns RKE2's packaged ingress-nginx off on the vet clusters, whose platform installs its own, and nothing else", async () => {
    const { terraform } = await rendered('vet-rke2-dev');
    const configs = Object.entries(terraform.resource.aws_instance as Json).map(([name, i]) => [name, parse(readUserData(i.user_data as string).files.get('/etc/rancher/rke2/config.yaml')!)]);
    // Packaged charts are a server setting; agents carry none.
    expect(configs.map(([name, config]) => [name, config.disable])).toEqual([
      ['server_1', ['rke2-ingress-nginx']],
      ['agent_1', undefined],
      ['agent_2', undefined],
    ]);
  });
});
