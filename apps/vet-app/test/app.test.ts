import { CATALOGUE } from '@wavesmith/addons';
import { clusterContext, composeCluster, validateCluster, type ClusterLayer, type Finding, type ClusterSpec } from '@wavesmith/model';
import { describe, expect, it } from 'vitest';
import vetDev from '../../../clusters/vet-rke2-dev.js';
import vetProd from '../../../clusters/vet-rke2-prod.js';
import { vetApp } from '../src/app.js';

/** A finding as one line: file, cluster, JSON Pointer and message (the rule ids are asserted where the rules are). */
const asLine = (file: string) => (f: Finding) => `${file} [cluster ${f.cluster}] ${f.path ? f.path : '(spec)'}: ${f.message}`;

const REGISTRY = { platform: CATALOGUE, apps: [vetApp] };
const validate = (...layers: ClusterLayer[]) => validateCluster(composeCluster(...layers), 'clusters/vet-rke2-dev.ts', REGISTRY);
const issues = (...layers: ClusterLayer[]) => validate(...layers).findings.map(asLine('clusters/vet-rke2-dev.ts'));
const spec = (...layers: ClusterLayer[]): ClusterSpec => {
  const result = validate(...layers);
  expect(result.findings).toEqual([]);
  return result.spec!;
};
const ingress = (s: ClusterSpec) => vetApp.render(s.apps[0] as never, clusterContext(s, REGISTRY)).flatMap((c) => c.manifests).find((o) => o.kind === 'Ingress') as Record<string, any>;
const at = '[cluster vet-rke2-dev] /apps/0';

describe('the veterinary app', () => {
  it('serves each vet cluster on the host of its own DNS records, with the ClusterIssuer cert-manager renders there', () => {
    expect([ingress(spec(vetDev)).spec.rules[0].host, ingress(spec(vetProd)).spec.rules[0].host]).toEqual(['dev.vet-app.example.com', 'vet-app.example.com']);
    expect(ingress(spec(vetDev)).metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt-production' });
  });

  it('rejects a negative replica count', () => {
    expect(issues(vetDev, { apps: [{ name: 'vet-app', replicas: -1 }] })).toEqual([`clusters/vet-rke2-dev.ts ${at}/replicas: got -1; allowed: a number >= 1`]);
  });

  it('rejects a cluster without the nginx IngressClass or a ClusterIssuer, saying why', () => {
    const layer = composeCluster(vetDev);
    const platform = layer.platform!.filter((p) => p.name === 'argocd');
    expect(issues({ ...layer, platform })).toEqual([
      `clusters/vet-rke2-dev.ts ${at}/chart: got "vet-app"; allowed: a cluster that serves the nginx IngressClass (platform "ingress-nginx"): the app is exposed through an nginx Ingress`,
      `clusters/vet-rke2-dev.ts ${at}/chart: got "vet-app"; allowed: a ClusterIssuer the cluster has (platform "cert-manager" with letsEncrypt; has: none): its TLS certificate is issued by cert-manager`,
      expect.stringContaining('/cloud/loadBalancer: got'),
    ]);
  });

  it('rejects a ClusterIssuer the cluster does not have', () => {
    expect(issues(vetDev, { apps: [{ name: 'vet-app', clusterIssuer: 'letsencrypt-staging' }] })).toEqual([
      `clusters/vet-rke2-dev.ts ${at}/clusterIssuer: got "letsencrypt-staging"; allowed: a ClusterIssuer the cluster has (platform "cert-manager" with letsEncrypt; has: letsencrypt-production): its TLS certificate is issued by cert-manager`,
    ]);
  });

  it('rejects a host that none of the cluster DNS records serves', () => {
    expect(issues(vetDev, { apps: [{ name: 'vet-app', host: 'vet-app.example.com' }] })).toEqual([
      `clusters/vet-rke2-dev.ts ${at}/host: got "vet-app.example.com"; allowed: a host among the cluster's DNS records (dev.vet-app.example.com, rancher.dev.vet-app.example.com), which the load balancer and its certificate serve`,
    ]);
  });

  it('rejects two apps in one namespace', () => {
    expect(issues(vetDev, { apps: [{ name: 'vet-b', chart: 'vet-app', image: 'vet:1.0.0', host: 'dev.vet-app.example.com', namespace: 'vet-app' }] })).toEqual([
      'clusters/vet-rke2-dev.ts [cluster vet-rke2-dev] /apps/1/namespace: got "vet-app"; allowed: a namespace of its own (/apps/0 already runs in "vet-app")',
    ]);
  });
});
