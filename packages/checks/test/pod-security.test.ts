import { describe, expect, it } from 'vitest';
import { podViolations, restrictedProblems } from '../src/pod-security.js';

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

/** Each violation as `rule level path: problem`. */
const violations = (pod: Record<string, unknown>) => podViolations(pod).map((v) => `${v.rule} ${v.level} ${v.fields[0]!.path}: ${v.problem}`);

describe('podViolations', () => {
  it('accepts a pod that follows the restricted profile', () => {
    expect(violations(restrictedPod())).toEqual([]);
  });

  it('rejects host namespaces, privileged containers and hostPath volumes, all of which baseline forbids too', () => {
    const pod = restrictedPod();
    expect(
      violations({
        ...pod,
        hostNetwork: true,
        hostPID: true,
        volumes: [{ name: 'host', hostPath: { path: '/var/run' } }],
        containers: [{ ...pod.containers[0], securityContext: { ...pod.containers[0]!.securityContext, privileged: true } }],
      }),
    ).toEqual([
      'pod-host-namespaces baseline /spec/hostNetwork: hostNetwork must not be true',
      'pod-host-namespaces baseline /spec/hostPID: hostPID must not be true',
      'pod-volume-type baseline /spec/volumes/0/hostPath: volume host of type hostPath is not allowed; allowed: configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret',
      'pod-privileged baseline /spec/containers/0/securityContext/privileged: container app: privileged must not be true',
    ]);
  });

  it('rejects missing drop ALL, extra capabilities, privilege escalation, root and no seccomp, at the level that forbids each', () => {
    expect(violations({ containers: [{ name: 'app', securityContext: { runAsUser: 0, capabilities: { add: ['NET_ADMIN', 'CHOWN'] } } }] })).toEqual([
      'pod-privilege-escalation restricted /spec/containers/0/securityContext/allowPrivilegeEscalation: container app: allowPrivilegeEscalation must be false',
      'pod-run-as-root restricted /spec/containers/0/securityContext/runAsUser: container app: may run as root (runAsNonRoot must be true here or on the pod, runAsUser not 0)',
      'pod-seccomp restricted /spec/containers/0/securityContext/seccompProfile: container app: seccompProfile must be RuntimeDefault or Localhost (here or on the pod)',
      'pod-capabilities restricted /spec/containers/0/securityContext/capabilities/drop: container app: capabilities.drop must include ALL',
      'pod-capabilities baseline /spec/containers/0/securityContext/capabilities/add/0: container app: adds capability NET_ADMIN; allowed: NET_BIND_SERVICE',
      'pod-capabilities restricted /spec/containers/0/securityContext/capabilities/add/1: container app: adds capability CHOWN; allowed: NET_BIND_SERVICE',
    ]);
  });

  it('rejects an Unconfined seccomp profile on the pod, which baseline forbids', () => {
    const pod = restrictedPod();
    expect(violations({ ...pod, securityContext: { runAsNonRoot: true, seccompProfile: { type: 'Unconfined' } } })).toContain(
      'pod-seccomp baseline /spec/securityContext/seccompProfile/type: seccompProfile Unconfined is not allowed; allowed: RuntimeDefault, Localhost',
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
      'Deployment web: container web: allowPrivilegeEscalation must be false',
      'Deployment web: container web: may run as root (runAsNonRoot must be true here or on the pod, runAsUser not 0)',
      'Deployment web: container web: seccompProfile must be RuntimeDefault or Localhost (here or on the pod)',
      'Deployment web: container web: capabilities.drop must include ALL',
    ]);
  });
});
