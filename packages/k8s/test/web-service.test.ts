import { checkSchemas, restrictedProblems } from '@wavesmith/checks';
import { describe, expect, it } from 'vitest';
import { WebService, type WebServiceProps } from '../src/web-service.js';
import { asFiles, find, render } from './render.js';

const base: WebServiceProps = { name: 'api', namespace: 'shop', image: 'registry.example.com/api:1.4.2' };
const renderService = (props: Partial<WebServiceProps> = {}) => render((chart) => new WebService(chart, 'api', { ...base, ...props }));
const container = (objects: ReturnType<typeof renderService>) => find(objects, 'Deployment').spec.template.spec.containers[0];

describe('WebService', () => {
  it('renders the seed 002 defaults', () => {
    expect(renderService()).toMatchSnapshot();
  });

  it('renders objects that match their schemas and pass Pod Security restricted', async () => {
    for (const objects of [renderService(), renderService({ autoscaling: { engine: 'keda', prometheus: [{ serverAddress: 'http://prometheus.monitoring.svc:9090', query: 'sum(rate(x[2m]))', threshold: 50 }] } })]) {
      expect(await checkSchemas(asFiles(objects))).toEqual([]);
      expect(restrictedProblems(objects)).toEqual([]);
    }
  });

  it('runs as user 1000 with a read-only root filesystem, no privilege escalation, no capabilities and seccomp RuntimeDefault', () => {
    const objects = renderService();
    expect(container(objects).securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(find(objects, 'Deployment').spec.template.spec.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  it('sets requests 100m/128Mi/1Gi and limits 500m/512Mi/2Gi, overridable field by field', () => {
    expect(container(renderService()).resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi', 'ephemeral-storage': '1Gi' },
      limits: { cpu: '500m', memory: '512Mi', 'ephemeral-storage': '2Gi' },
    });
    expect(container(renderService({ resources: { limits: { memory: '1Gi' } } })).resources.limits).toEqual({ cpu: '500m', memory: '1Gi', 'ephemeral-storage': '2Gi' });
  });

  it('probes /health after 30s, /ready after 5s and /startup up to 30 times', () => {
    const c = container(renderService());
    expect([c.livenessProbe.httpGet.path, c.livenessProbe.initialDelaySeconds]).toEqual(['/health', 30]);
    expect([c.readinessProbe.httpGet.path, c.readinessProbe.initialDelaySeconds]).toEqual(['/ready', 5]);
    expect([c.startupProbe.httpGet.path, c.startupProbe.failureThreshold]).toEqual(['/startup', 30]);
    expect(c.livenessProbe.httpGet.port).toBe(8080);
  });

  it('rolls 25%/25%, leaves the replica count to the HPA (cpu 70%, memory 80%, 2 to 10) and keeps 50% available', () => {
    const objects = renderService();
    const deployment = find(objects, 'Deployment');
    expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    expect(deployment.spec.replicas).toBeUndefined();
    const hpa = find(objects, 'HorizontalPodAutoscaler');
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([2, 10]);
    expect(hpa.spec.metrics.map((m: any) => [m.resource.name, m.resource.target.averageUtilization])).toEqual([['cpu', 70], ['memory', 80]]);
    expect(find(objects, 'PodDisruptionBudget').spec).toEqual({ selector: { matchLabels: { app: 'api' } }, minAvailable: '50%' });
  });

  it('scales with a KEDA ScaledObject on cpu, memory and Prometheus queries when asked', () => {
    const objects = renderService({ replicas: { min: 2, max: 5 }, autoscaling: { engine: 'keda', prometheus: [{ serverAddress: 'http://prometheus.monitoring.svc:9090', query: 'sum(rate(x[2m]))', threshold: 50 }] } });
    expect(objects.some((o) => o.kind === 'HorizontalPodAutoscaler')).toBe(false);
    const scaled = find(objects, 'ScaledObject');
    expect([scaled.spec.minReplicaCount, scaled.spec.maxReplicaCount]).toEqual([2, 5]);
    expect(scaled.spec.triggers.map((t: any) => [t.type, t.metadata.value ?? t.metadata.threshold])).toEqual([['cpu', '70'], ['memory', '80'], ['prometheus', '50']]);
  });

  it('runs a fixed replica count without an autoscaler', () => {
    const objects = renderService({ autoscaling: false, replicas: { min: 3, max: 3 } });
    expect(find(objects, 'Deployment').spec.replicas).toBe(3);
    expect(objects.some((o) => o.kind === 'HorizontalPodAutoscaler' || o.kind === 'ScaledObject')).toBe(false);
  });

  it('keeps replicas that mount a ReadWriteOnce claim on one node, and leaves other pods free to spread', () => {
    const affinity = (props: Partial<WebServiceProps>) => find(renderService(props), 'Deployment').spec.template.spec.affinity;
    const rwo = [{ name: 'data', mountPath: '/data', claimName: 'api-data', readWriteOnce: true }];
    expect(affinity({ volumes: rwo })).toEqual({
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'api' } }, topologyKey: 'kubernetes.io/hostname' }] },
    });
    expect(affinity({ volumes: [{ name: 'data', mountPath: '/data', claimName: 'api-data' }] })).toBeUndefined();
    expect(affinity({ volumes: rwo, replicas: { min: 1, max: 1 }, autoscaling: false })).toBeUndefined();
  });

  it('allows ingress from ingress-nginx and monitoring and egress to DNS, HTTPS and the database only', () => {
    const policy = find(renderService(), 'NetworkPolicy');
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 8080, protocol: 'TCP' }] },
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
        ports: [{ port: 8080, protocol: 'TCP' }, { port: 9090, protocol: 'TCP' }],
      },
    ]);
    expect(policy.spec.egress.map((r: any) => r.ports.map((p: any) => `${p.port}/${p.protocol}`).join(','))).toEqual(['53/UDP,53/TCP', '443/TCP', '5432/TCP']);
  });

  it('admits an ALB from its subnets and renders its Ingress', () => {
    const objects = renderService({ ingress: { controller: 'alb', host: 'api.example.com', healthCheckPath: '/ready', loadBalancerCidrs: ['10.0.0.0/20'] } });
    expect(find(objects, 'NetworkPolicy').spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '10.0.0.0/20' } }]);
    const ingress = find(objects, 'Ingress');
    expect(ingress.spec.ingressClassName).toBe('alb');
    expect(ingress.metadata.annotations['alb.ingress.kubernetes.io/healthcheck-path']).toBe('/ready');
  });

  it('binds its own ServiceAccount to the namespaced app-reader Role', () => {
    const objects = renderService();
    expect(find(objects, 'RoleBinding').roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'app-reader' });
    expect(objects.some((o) => o.kind.startsWith('Cluster'))).toBe(false);
    expect(find(objects, 'Deployment').spec.template.spec.serviceAccountName).toBe('api');
  });

  it('mounts no API token and binds no Role without API access', () => {
    const objects = renderService({ apiAccess: 'none' });
    expect(find(objects, 'Deployment').spec.template.spec.automountServiceAccountToken).toBe(false);
    expect(objects.some((o) => o.kind === 'RoleBinding')).toBe(false);
  });

  it('rejects running as root without an explicit opt-in, naming the workload, field, value and what is allowed', () => {
    expect(() => renderService({ security: { runAsUser: 0 } })).toThrow(
      'workload "api": security/runAsUser = 0 is not allowed; allowed: a non-zero user id, or allowUnsafe: { reason, runAsRoot: true }',
    );
  });

  it('rejects every unsafe setting at once: escalation, writable root, extra capabilities, no seccomp', () => {
    const attempt = () =>
      renderService({ security: { allowPrivilegeEscalation: true, readOnlyRootFilesystem: false, addCapabilities: ['NET_BIND_SERVICE', 'SYS_ADMIN'], seccompProfile: 'Unconfined' } });
    expect(attempt).toThrow(/security\/allowPrivilegeEscalation = true/);
    expect(attempt).toThrow(/security\/readOnlyRootFilesystem = false/);
    expect(attempt).toThrow(/security\/addCapabilities\/1 = "SYS_ADMIN" is not allowed; allowed: NET_BIND_SERVICE, or allowUnsafe/);
    expect(attempt).toThrow(/security\/seccompProfile = "Unconfined"/);
  });

  it('accepts NET_BIND_SERVICE without an opt-in', () => {
    expect(container(renderService({ security: { addCapabilities: ['NET_BIND_SERVICE'] } })).securityContext.capabilities).toEqual({
      drop: ['ALL'],
      add: ['NET_BIND_SERVICE'],
    });
  });

  it('renders an unsafe setting that is explicitly allowed, which the restricted checker then reports', () => {
    const objects = renderService({ security: { runAsUser: 0 }, allowUnsafe: { reason: 'legacy image writes to /root at start', runAsRoot: true } });
    expect(container(objects).securityContext.runAsUser).toBe(0);
    expect(restrictedProblems(objects)).toContain('Deployment api: container api: may run as root (runAsNonRoot must be true here or on the pod, runAsUser not 0)');
  });

  it('rejects an opt-in without a real reason', () => {
    expect(() => renderService({ security: { runAsUser: 0 }, allowUnsafe: { reason: 'x', runAsRoot: true } })).toThrow(/allowUnsafe\/reason = "x" is not allowed/);
  });

  it.each(['nginx', 'nginx:latest', 'registry.example.com/api'])('rejects the unpinned image %s', (image) => {
    expect(() => renderService({ image })).toThrow(`workload "api": image = "${image}" is not allowed; allowed: an image with an explicit tag or digest`);
  });

  it('accepts an image pinned by digest', () => {
    const image = `registry.example.com/api@sha256:${'a'.repeat(64)}`;
    expect(container(renderService({ image })).image).toBe(image);
  });

  it('rejects a network rule without peers, which would allow everyone', () => {
    expect(() => renderService({ ingressFrom: [] })).toThrow('NetworkPolicy shop/api: a network rule needs at least one peer; an empty list would allow everyone');
  });
});
