import { stringify } from 'yaml';

/** Test helpers: small rendered trees in the layout of the output contract. */

export interface TestObject {
  readonly component: string;
  readonly body: Record<string, unknown>;
}

export interface TestComponent {
  readonly name: string;
  readonly tier?: string;
  readonly wave?: number;
  readonly chart?: { repoURL: string; chart: string; version: string } | null;
}

export interface TestCluster {
  readonly components?: readonly TestComponent[];
  readonly objects?: readonly TestObject[];
  readonly terraform?: Record<string, unknown>;
}

const fileName = (body: Record<string, unknown>) => `${String(body.kind)}-${String((body.metadata as { name: string }).name)}.yaml`.toLowerCase();

/** Files of a fleet: argocd/ for Applications and app-of-apps objects, apps/<component>/ for the rest. */
export function fleetTree(clusters: Record<string, TestCluster>): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, c] of Object.entries(clusters)) {
    const inventory = { cluster: name, components: (c.components ?? []).map((x) => ({ name: x.name, tier: x.tier ?? 'platform', wave: x.wave ?? 1, chart: x.chart ?? null, objects: [] })) };
    files.set(`dist/${name}/inventory.json`, `${JSON.stringify(inventory, null, 2)}\n`);
    for (const o of c.objects ?? []) {
      const folder = o.component === 'app-of-apps' || o.body.kind === 'Application' ? `dist/${name}/argocd` : `dist/${name}/apps/${o.component}`;
      const path = `${folder}/${fileName(o.body)}`;
      files.set(path, [files.get(path), stringify(o.body)].filter(Boolean).join('---\n'));
    }
    if (c.terraform) files.set(`dist/${name}/terraform/main.tf.json`, `${JSON.stringify(c.terraform, null, 2)}\n`);
  }
  return files;
}

export const configMap = (name: string, data: Record<string, string>, namespace = 'apps') => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data });

export function statefulSet(name: string, storage = '10Gi', replicas = 1) {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'apps' },
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'db', image: 'postgres:16.4', ports: [{ containerPort: 5432, name: 'pg' }] }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } } } }],
    },
  };
}

export function deployment(name: string, image = 'nginx:1.27', labels: Record<string, string> = { app: name }) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'apps' },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            { name: 'web', image, env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 8080 }, { containerPort: 9090 }] },
            { name: 'sidecar', image: 'envoy:1.31', args: ['--one', '--two'] },
          ],
        },
      },
    },
  };
}

export const application = (name: string, chart?: string) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name, namespace: 'argocd', finalizers: ['resources-finalizer.argocd.argoproj.io'] },
  spec: chart ? { source: { chart, repoURL: 'https://charts.example', targetRevision: '1.0.0' } } : { source: { path: `dist/c/apps/${name}`, repoURL: 'https://git.example/repo.git' } },
});
