import type { KubeObject } from '@wavesmith/model';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../src/policy.js';

const namespace = (name: string, level: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels: { 'pod-security.kubernetes.io/enforce': level } },
});

const RESTRICTED_CONTAINER = {
  name: 'api',
  image: 'ghcr.io/example/api:1.4.2',
  securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, capabilities: { drop: ['ALL'] } },
};

const deployment = (ns: string, container: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: ns },
  spec: { template: { spec: { containers: [container] } } },
});

const located = (objects: KubeObject[]) => objects.map((object) => ({ file: `apps/${object.kind.toLowerCase()}-${object.metadata.name}.yaml`, object }));

/** Each problem as `rule file Kind name path: message`. */
const found = (objects: ReturnType<typeof located>) => checkPolicy(objects).map((p) => `${p.rule} ${p.file} ${p.object!.kind} ${p.object!.name} ${p.path}: ${p.message}`);

describe('checkPolicy', () => {
  it('accepts a pod that passes Pod Security restricted in a restricted namespace', () => {
    expect(found(located([namespace('shop', 'restricted'), deployment('shop', RESTRICTED_CONTAINER)]))).toEqual([]);
  });

  it('reports every weakening of restricted, and a pod that breaks its namespace level once more as refused at admission', () => {
    const root = { ...RESTRICTED_CONTAINER, securityContext: { ...RESTRICTED_CONTAINER.securityContext, runAsNonRoot: false, runAsUser: 0 } };
    expect(found(located([namespace('shop', 'restricted'), deployment('shop', root)]))).toEqual([
      'pod-run-as-root apps/deployment-api.yaml Deployment api /spec/template/spec/containers/0/securityContext/runAsUser: container api: may run as root (runAsNonRoot must be true here or on the pod, runAsUser not 0)',
      'pod-security-admission apps/deployment-api.yaml Deployment api /spec/template/spec/containers/0/securityContext/runAsUser: namespace shop enforces Pod Security "restricted", whose admission would refuse this pod: container api: may run as root (runAsNonRoot must be true here or on the pod, runAsUser not 0)',
    ]);
  });

  it('refuses at admission only what the namespace level forbids, while every weakening stays a finding of its rule', () => {
    const escalating = { ...RESTRICTED_CONTAINER, securityContext: { ...RESTRICTED_CONTAINER.securityContext, allowPrivilegeEscalation: true } };
    expect(found(located([namespace('addons', 'baseline'), deployment('addons', escalating)]))).toEqual([
      'pod-privilege-escalation apps/deployment-api.yaml Deployment api /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation: container api: allowPrivilegeEscalation must be false',
    ]);
    const privileged = { ...RESTRICTED_CONTAINER, securityContext: { ...RESTRICTED_CONTAINER.securityContext, privileged: true } };
    expect(found(located([namespace('addons', 'baseline'), deployment('addons', privileged)])).map((p) => p.split(' ')[0])).toEqual(['pod-privileged', 'pod-security-admission']);
  });

  it('rejects literal Secrets and unpinned images', () => {
    const secret: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'shop' }, stringData: { password: 'x' } };
    expect(found(located([secret, deployment('shop', { ...RESTRICTED_CONTAINER, image: 'ghcr.io/example/api:latest' })]))).toEqual([
      'secret-literal-data apps/secret-creds.yaml Secret creds /stringData: a Secret with literal stringData; mount secrets through the Secrets Store CSI driver instead',
      'image-unpinned apps/deployment-api.yaml Deployment api /spec/template/spec/containers/0/image: image "ghcr.io/example/api:latest" uses the mutable tag "latest"; pin a version or a digest',
    ]);
  });
});
