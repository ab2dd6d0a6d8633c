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

describe('checkPolicy', () => {
  it('accepts a pod that passes Pod Security restricted in a restricted namespace', () => {
    expect(checkPolicy(located([namespace('shop', 'restricted'), deployment('shop', RESTRICTED_CONTAINER)]))).toEqual([]);
  });

  it('rejects a pod that breaks Pod Security restricted in a restricted namespace', () => {
    const root = { ...RESTRICTED_CONTAINER, securityContext: { ...RESTRICTED_CONTAINER.securityContext, runAsNonRoot: false, runAsUser: 0 } };
    expect(checkPolicy(located([namespace('shop', 'restricted'), deployment('shop', root)]))).toEqual([
      'apps/deployment-api.yaml: Deployment api: namespace shop enforces Pod Security "restricted": spec.containers[api].securityContext.runAsNonRoot: must be true (here or on the pod)',
      'apps/deployment-api.yaml: Deployment api: namespace shop enforces Pod Security "restricted": spec.containers[api].securityContext.runAsUser: must not be 0',
    ]);
  });

  it('leaves pods of baseline namespaces to their own level', () => {
    const privileged = { ...RESTRICTED_CONTAINER, securityContext: {} };
    expect(checkPolicy(located([namespace('kube-system-addons', 'baseline'), deployment('kube-system-addons', privileged)]))).toEqual([]);
  });

  it('rejects literal Secrets and unpinned images', () => {
    const secret: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'shop' }, stringData: { password: 'x' } };
    expect(checkPolicy(located([secret, deployment('shop', { ...RESTRICTED_CONTAINER, image: 'ghcr.io/example/api:latest' })]))).toEqual([
      'apps/secret-creds.yaml: Secret creds: a Secret with literal data; mount secrets through the Secrets Store CSI driver instead',
      'apps/deployment-api.yaml: Deployment api: image "ghcr.io/example/api:latest" uses the mutable tag "latest"; pin a version or a digest',
    ]);
  });
});
