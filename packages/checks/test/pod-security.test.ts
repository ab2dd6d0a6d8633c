import { describe, expect, it } from 'vitest';
import { restrictedProblems, restrictedViolations } from '../src/pod-security.js';

const restrictedPod = () => ({
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [
    {
      name: 'app',
      image: 'app:1.0.0',
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } },
    },
  ],
  volumes: [{ name: 'tmp', emptyDir: {} }],
});

describe('restrictedViolations', () => {
  it('accepts a pod that follows the restricted profile', () => {
    expect(restrictedViolations(restrictedPod())).toEqual([]);
  });

  it('rejects host namespaces, privileged containers and hostPath volumes', () => {
    const pod = restrictedPod();
    const problems = restrictedViolations({
      ...pod,
      hostNetwork: true,
      hostPID: true,
      volumes: [{ name: 'host', hostPath: { path: '/var/run' } }],
      containers: [{ ...pod.containers[0], securityContext: { ...pod.containers[0]!.securityContext, privileged: true } }],
    });
    expect(problems).toEqual([
      'spec.hostNetwork: must not be true',
      'spec.hostPID: must not be true',
      'spec.volumes[0] (host): type hostPath is not allowed; allowed: configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret',
      'spec.containers[app].securityContext.privileged: must not be true',
    ]);
  });

  it('rejects missing drop ALL, extra capabilities, privilege escalation, root and no seccomp', () => {
    const problems = restrictedViolations({
      containers: [{ name: 'app', securityContext: { runAsUser: 0, capabilities: { add: ['NET_ADMIN'] } } }],
    });
    expect(problems).toEqual([
      'spec.containers[app].securityContext.allowPrivilegeEscalation: must be false',
      'spec.containers[app].securityContext.runAsNonRoot: must be true (here or on the pod)',
      'spec.containers[app].securityContext.runAsUser: must not be 0',
      'spec.containers[app].securityContext.seccompProfile.type: must be RuntimeDefault or Localhost (here or on the pod)',
      'spec.containers[app].securityContext.capabilities.drop: must include ALL',
      'spec.containers[app].securityContext.capabilities.add: NET_ADMIN is not allowed; allowed: NET_BIND_SERVICE',
    ]);
  });

  it('rejects an Unconfined seccomp profile on the pod', () => {
    const pod = restrictedPod();
    expect(restrictedViolations({ ...pod, securityContext: { runAsNonRoot: true, seccompProfile: { type: 'Unconfined' } } })).toContain(
      'spec.securityContext.seccompProfile.type: Unconfined is not allowed',
    );
  });
});

describe('restrictedProblems', () => {
  it('checks the pod template of every workload and nothing else', () => {
    const objects = [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ name: 'web' }] } } } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'backup' }, spec: { jobTemplate: { spec: { template: { spec: restrictedPod() } } } } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config' }, data: { a: 'b' } },
    ];
    expect(restrictedProblems(objects)).toEqual([
      'Deployment web: spec.containers[web].securityContext.allowPrivilegeEscalation: must be false',
      'Deployment web: spec.containers[web].securityContext.runAsNonRoot: must be true (here or on the pod)',
      'Deployment web: spec.containers[web].securityContext.seccompProfile.type: must be RuntimeDefault or Localhost (here or on the pod)',
      'Deployment web: spec.containers[web].securityContext.capabilities.drop: must include ALL',
    ]);
  });
});
