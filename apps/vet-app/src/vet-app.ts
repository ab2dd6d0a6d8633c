import { AppNamespace, WebService, appComponent, ALLOW_DNS, ALLOW_HTTPS, type AppComponent } from '@wavesmith/k8s';
import { appNamespace, podSecurityFor } from '@wavesmith/model';
import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { VetAppEntry } from './app.js';

/** A veterinary app entry without its chart, and with the ClusterIssuer the cluster resolved. */
export type VetAppProps = Omit<VetAppEntry, 'chart' | 'clusterIssuer'> & {
  /** cert-manager ClusterIssuer of the TLS certificate. */
  readonly clusterIssuer: string;
};

const PORT = 8000;
const DATA_PATH = '/app/data';

/**
 * The veterinary app of seed 001: a Python service (2 replicas, 100m/128Mi requests, 200m/256Mi
 * limits) behind Service port 80 -> 8000, with a 5Gi `standard` volume, a ConfigMap, and an nginx
 * Ingress for the cluster's host whose certificate cert-manager gets from Let's Encrypt.
 */
export function vetAppComponents(props: VetAppProps): AppComponent[] {
  const namespace = appNamespace(props);
  const chart = new Chart(new App(), props.name);
  const partOf = { 'app.kubernetes.io/part-of': props.name };
  new AppNamespace(chart, 'Namespace', { name: namespace, labels: partOf, ...podSecurityFor([props.allowUnsafe]) });
  const claimName = `${props.name}-data`;
  new k8s.KubePersistentVolumeClaim(chart, 'Data', {
    metadata: { name: claimName, namespace, labels: partOf },
    spec: {
      // ReadWriteOnce: EBS attaches to one node, so WebService keeps the replicas on that node.
      accessModes: ['ReadWriteOnce'],
      storageClassName: props.storageClass ?? 'standard',
      resources: { requests: { storage: k8s.Quantity.fromString(props.storage ?? '5Gi') } },
    },
  });
  const replicas = props.replicas ?? 2;
  new WebService(chart, 'VetApp', {
    name: props.name,
    namespace,
    image: props.image,
    port: PORT,
    servicePort: 80,
    // Seed 001 lists Prometheus as a future enhancement: the app serves no metrics yet.
    metricsPort: false,
    replicas: { min: replicas, max: replicas },
    autoscaling: false,
    resources: {
      requests: { cpu: '100m', memory: '128Mi', ...props.resources?.requests },
      limits: { cpu: '200m', memory: '256Mi', ...props.resources?.limits },
    },
    ...(props.security ? { security: props.security } : {}),
    ...(props.allowUnsafe ? { allowUnsafe: props.allowUnsafe } : {}),
    config: props.config ?? {},
    volumes: [{ name: 'data', mountPath: DATA_PATH, claimName, readWriteOnce: true }],
    egress: [ALLOW_DNS, ALLOW_HTTPS],
    ingress: { controller: 'nginx', host: props.host, clusterIssuer: props.clusterIssuer },
  });
  return [appComponent(chart, props.name, namespace)];
}
