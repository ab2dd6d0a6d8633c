import { describe, expect, it } from 'vitest';
import { APPLICATION_HEALTH_KEY, APPLICATION_HEALTH_LUA } from '../src/index.js';
import { runHealthLua } from './lua-vm.js';

// Child Applications as Argo CD v3.1.5 (argo-cd chart 8.5.0) stores them, shaped after
// pkg/apis/application/v1alpha1/types.go at that tag: ApplicationStatus, SyncStatus, AppHealthStatus,
// OperationState, SyncOperationResult, ResourceStatus. Times are metav1.Time: UTC RFC 3339, whole seconds.
const NAMESPACE = 'cert-manager';
const SOURCE = { repoURL: 'https://charts.jetstack.io', chart: 'cert-manager', targetRevision: 'v1.18.2', helm: { releaseName: 'cert-manager' } };
const DESTINATION = { server: 'https://kubernetes.default.svc', namespace: NAMESPACE };
const RETRY = { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } };
const REVISION = 'v1.18.2';
const BEFORE_SYNC = '2025-09-18T08:39:58Z';
const STARTED = '2025-09-18T08:40:03Z';
const FINISHED = '2025-09-18T08:41:12Z';
const COMPARED_AFTER = '2025-09-18T08:41:13Z';

const CHILD = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: {
    name: 'cert-manager',
    namespace: 'argocd',
    annotations: { 'argocd.argoproj.io/sync-wave': '1' },
    finalizers: ['resources-finalizer.argocd.argoproj.io'],
    generation: 4,
    resourceVersion: '48213',
  },
  spec: {
    project: 'lab',
    destination: DESTINATION,
    source: SOURCE,
    syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'], retry: RETRY },
  },
};

/** Since Argo CD 3.0 resources carry no health unless `controller.resource.health.persist` is true (upgrading/2.14-3.0.md). */
const RESOURCES = [
  { version: 'v1', kind: 'Service', namespace: NAMESPACE, name: 'cert-manager', status: 'Synced' },
  { version: 'v1', kind: 'ServiceAccount', namespace: NAMESPACE, name: 'cert-manager', status: 'Synced' },
  { group: 'apps', version: 'v1', kind: 'Deployment', namespace: NAMESPACE, name: 'cert-manager', status: 'Synced' },
];

type Phase = 'Running' | 'Terminating' | 'Failed' | 'Error' | 'Succeeded';

/** An automated sync as the controller records it; `finishedAt` is set once the phase is final or a retry is due. */
function operation(phase: Phase, message: string, finishedAt: string | undefined = phase === 'Running' || phase === 'Terminating' ? undefined : FINISHED) {
  return {
    operation: { sync: { revision: REVISION, syncOptions: ['CreateNamespace=true'] }, initiatedBy: { automated: true }, retry: RETRY },
    phase,
    message,
    startedAt: STARTED,
    ...(finishedAt === undefined ? {} : { finishedAt }),
    syncResult: {
      revision: REVISION,
      source: SOURCE,
      resources: [
        { group: 'apps', version: 'v1', kind: 'Deployment', namespace: NAMESPACE, name: 'cert-manager', status: 'Synced', message: 'deployment.apps/cert-manager created', hookPhase: 'Running', syncPhase: 'Sync' },
      ],
    },
  };
}

const SUCCEEDED = operation('Succeeded', 'successfully synced (all tasks run)');
const FAILED = operation('Failed', 'one or more objects failed to apply, reason: Deployment.apps "cert-manager" is invalid: spec.template.spec.containers[0].image: Required value (retried 5 times).');

interface StatusParts {
  readonly health?: string;
  readonly sync?: string;
  readonly reconciledAt?: string;
  readonly operationState?: object;
}

/** A full v3.1.5 status: by default Healthy and Synced, compared after a succeeded sync. */
function status({ health = 'Healthy', sync = 'Synced', reconciledAt = COMPARED_AFTER, operationState = SUCCEEDED }: StatusParts = {}) {
  return {
    health: { status: health, lastTransitionTime: FINISHED },
    sync: { status: sync, revision: REVISION, comparedTo: { source: SOURCE, destination: DESTINATION } },
    resources: RESOURCES,
    resourceHealthSource: 'appTree',
    reconciledAt,
    operationState,
    history: [{ revision: REVISION, deployedAt: FINISHED, deployStartedAt: STARTED, id: 0, source: SOURCE, initiatedBy: { automated: true } }],
    sourceType: 'Helm',
    summary: { images: ['quay.io/jetstack/cert-manager-controller:v1.18.2'] },
    controllerNamespace: 'argocd',
  };
}

function child(appStatus?: object): object {
  return appStatus === undefined ? CHILD : { ...CHILD, status: appStatus };
}

function health(obj: object) {
  return runHealthLua(APPLICATION_HEALTH_LUA, obj);
}

const WAITING = { status: 'Progressing', message: 'Waiting for the Application to report its health' };
const HEALTHY = { status: 'Healthy', message: 'Healthy and Synced' };

describe('APPLICATION_HEALTH_LUA', () => {
  it('is registered for argoproj.io/Application under the key argocd-cm reads', () => {
    expect(APPLICATION_HEALTH_KEY).toBe('resource.customizations.health.argoproj.io_Application');
  });

  it('keeps a child the parent has just created Progressing until it has a status', () => {
    expect(health(child())).toEqual(WAITING);
  });

  it('reports a child that is Healthy and Synced after a succeeded sync as Healthy', () => {
    expect(health(child(status()))).toEqual(HEALTHY);
  });

  it.each(['Progressing', 'Suspended', 'Missing', 'Unknown', 'Degraded'])('passes a child health of %s up as it is', (code) => {
    expect(health(child(status({ health: code })))).toEqual({ status: code, message: `Application health is ${code}` });
  });

  it('passes the health message up where an Argo CD before 3.0 still writes one', () => {
    const appStatus = { ...status({ health: 'Degraded' }), health: { status: 'Degraded', message: 'Deployment "cert-manager" exceeded its progress deadline' } };
    expect(health(child(appStatus))).toEqual({ status: 'Degraded', message: 'Deployment "cert-manager" exceeded its progress deadline' });
  });

  it.each(['OutOfSync', 'Unknown'])('keeps a Healthy child that is %s Progressing, so the next wave waits', (sync) => {
    expect(health(child(status({ sync })))).toEqual({ status: 'Progressing', message: `Healthy but not Synced: sync status is ${sync}` });
  });

  it('keeps a Healthy child Progressing while its sync operation runs', () => {
    const running = operation('Running', 'waiting for healthy state of apps/Deployment/cert-manager');
    expect(health(child(status({ sync: 'OutOfSync', operationState: running })))).toEqual({
      status: 'Progressing',
      message: 'Sync operation Running: waiting for healthy state of apps/Deployment/cert-manager',
    });
  });

  it('keeps a Degraded child Progressing while Argo CD waits to retry its failed sync, as the outcome is not decided yet', () => {
    const retrying = operation(
      'Running',
      'one or more objects failed to apply, reason: Internal error occurred: failed calling webhook "webhook.cert-manager.io" due to application controller sync timeout. Retrying attempt #1 at 8:41AM.',
      FINISHED,
    );
    expect(health(child(status({ health: 'Degraded', sync: 'OutOfSync', operationState: retrying })))).toEqual({
      status: 'Progressing',
      message: `Sync operation Running: ${retrying.message}`,
    });
  });

  it('keeps a child Progressing while its sync operation terminates', () => {
    const terminating = operation('Terminating', 'operation is terminating due to timeout');
    expect(health(child(status({ operationState: terminating })))).toEqual({ status: 'Progressing', message: 'Sync operation Terminating: operation is terminating due to timeout' });
  });

  it('reports a failed sync that Argo CD compared afterwards and still finds OutOfSync as Degraded, with the sync message', () => {
    expect(health(child(status({ sync: 'OutOfSync', operationState: FAILED })))).toEqual({ status: 'Degraded', message: FAILED.message });
  });

  it('reports a sync that ended in the Error phase and left the child Missing as Degraded', () => {
    const errored = operation('Error', 'Failed to get destination cluster: there are no clusters with this URL: https://kubernetes.default.svc');
    expect(health(child(status({ health: 'Missing', sync: 'OutOfSync', operationState: errored })))).toEqual({ status: 'Degraded', message: errored.message });
  });

  it('names the phase of a failed sync that has no message', () => {
    const silent = { ...FAILED, message: '' };
    expect(health(child(status({ health: 'Degraded', operationState: silent })))).toEqual({ status: 'Degraded', message: 'Sync Failed' });
  });

  it('reports a child that became Healthy and Synced after its last sync failed as Healthy: that failure is over', () => {
    expect(health(child(status({ operationState: FAILED })))).toEqual(HEALTHY);
  });

  it('counts a comparison in the same second as the failure as after it, as the controller compares right after an operation', () => {
    expect(health(child(status({ reconciledAt: FINISHED, operationState: FAILED })))).toEqual(HEALTHY);
  });

  it('keeps a child Progressing while its status predates the failed sync, instead of failing the parent on a state it cannot see yet', () => {
    expect(health(child(status({ reconciledAt: BEFORE_SYNC, operationState: FAILED })))).toEqual({
      status: 'Progressing',
      message: `Sync Failed at ${FINISHED}; waiting for Argo CD to compare the result`,
    });
    expect(health(child(status({ sync: 'OutOfSync', reconciledAt: BEFORE_SYNC, operationState: FAILED })))).toMatchObject({ status: 'Progressing' });
  });

  it('reads the health of an Argo CD 3.x child whose resources carry none', () => {
    const appStatus = status();
    expect(appStatus.resources.every((r) => !('health' in r))).toBe(true);
    expect(health(child(appStatus))).toEqual(HEALTHY);
  });

  it('ignores per-resource health that Argo CD before 3.0 persisted, as the child health already aggregates it', () => {
    const persisted = { ...status(), resourceHealthSource: undefined, resources: RESOURCES.map((r) => ({ ...r, health: { status: 'Healthy' } })) };
    expect(health(child(persisted))).toEqual(HEALTHY);
  });

  it('does not wait for an extraneous resource Argo CD itself leaves out of the sync status (IgnoreExtraneous)', () => {
    const extraneous = { version: 'v1', kind: 'ConfigMap', namespace: NAMESPACE, name: 'cert-manager-leftover', status: 'OutOfSync', requiresPruning: true };
    expect(health(child({ ...status(), resources: [...RESOURCES, extraneous] }))).toEqual(HEALTHY);
  });

  it.each<[string, object, { status: string; message: string }]>([
    ['an empty status', {}, WAITING],
    ['a status with only an operation state, written before the first comparison', { operationState: operation('Running', 'one or more tasks are running') }, WAITING],
    ['a health without a status code', { ...status(), health: {} }, WAITING],
    ['a status without sync', { ...status(), sync: undefined }, { status: 'Progressing', message: 'Healthy but not Synced: sync status is not reported' }],
    ['a sync without a status code', { ...status(), sync: { revision: REVISION } }, { status: 'Progressing', message: 'Healthy but not Synced: sync status is not reported' }],
    ['a sync status left empty by the Go zero value', { ...status(), sync: { status: '', comparedTo: { destination: {} } } }, { status: 'Progressing', message: 'Healthy but not Synced: sync status is not reported' }],
    ['resources entries without health, kind or name', { ...status(), resources: [{}, { status: 'OutOfSync' }, { health: {} }] }, HEALTHY],
    ['an operation state without a phase', { ...status(), operationState: { operation: {}, startedAt: STARTED } }, HEALTHY],
    ['a running operation without a message', { ...status(), operationState: { phase: 'Running' } }, { status: 'Progressing', message: 'Sync operation Running' }],
    ['a failed operation without finishedAt', { ...status(), operationState: { phase: 'Failed', message: 'Operation terminated' } }, { status: 'Degraded', message: 'Operation terminated' }],
    ['a failed operation on a status without reconciledAt', { ...status(), reconciledAt: undefined, operationState: FAILED }, { status: 'Degraded', message: FAILED.message }],
    ['a failed operation without message or syncResult', { ...status({ sync: 'OutOfSync' }), operationState: { phase: 'Error', finishedAt: FINISHED } }, { status: 'Degraded', message: 'Sync Error' }],
  ])('never raises a Lua error on %s', (_, appStatus, expected) => {
    expect(health(child(appStatus))).toEqual(expected);
  });
});

describe('runHealthLua, the Lua VM these tests run the script in', () => {
  it('fails on a Lua runtime error, as Argo CD does', () => {
    expect(() => runHealthLua('return { status = obj.status.health.status }', child())).toThrow(/health script raised a Lua error: .*attempt to index a nil value/);
  });

  it('rejects syntax newer than Lua 5.1, which gopher-lua does not parse', () => {
    expect(() => runHealthLua('goto done\n::done::\nreturn { status = "Healthy" }', child())).toThrow(/health script is not Lua 5.1/);
  });

  it('has no string library, as Argo CD opens none for checks from argocd-cm', () => {
    expect(() => runHealthLua('return { status = string.upper("healthy") }', child())).toThrow(/attempt to index a nil value \(global 'string'\)/);
  });

  it('fails on a status Argo CD would turn into Unknown', () => {
    expect(() => runHealthLua('return { status = "Fine" }', child())).toThrow(/returned status Fine; Argo CD turns anything but Healthy, /);
  });

  it('hands the object over as Argo CD does: arrays 1-based, integers without a fraction', () => {
    const script = 'return { status = "Healthy", message = obj.spec.syncPolicy.syncOptions[1] .. " " .. obj.metadata.generation }';
    expect(runHealthLua(script, child())).toEqual({ status: 'Healthy', message: 'CreateNamespace=true 4' });
  });
});
