import type { Autoscaler, IngressController, ResourcesSpec, SecuritySpec, UnsafeOptIn } from '@wavesmith/model';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PodDisruptionBudget, type DisruptionBudget } from './disruption-budget.js';
import { workloadLabels } from './labels.js';
import { ALLOW_DNS, ALLOW_HTTPS, MONITORING_NAMESPACE, allowDatabase, allowTcp, type NetworkPeer, type NetworkRule } from './network-rules.js';
import { PodAutoscaler, type PrometheusTrigger } from './pod-autoscaler.js';
import { podTemplate, type SecretMount, type VolumeMount } from './pod-template.js';
import { DEFAULT_PROBE_PATHS, httpProbes, type ProbePaths } from './probes.js';
import { ServiceMonitor } from './service-monitor.js';
import { WebIngress, ingressControllerPeers } from './web-ingress.js';
import { WorkloadIdentity, type ApiAccess } from './workload-identity.js';
import { WorkloadNetworkPolicy } from './workload-network-policy.js';

export interface WebServiceAutoscaling {
  /** @default 'hpa' */
  readonly engine?: Autoscaler;
  /** @default 70 */
  readonly cpuUtilization?: number;
  /** @default 80 */
  readonly memoryUtilization?: number;
  /** KEDA only. @default [] */
  readonly prometheus?: readonly PrometheusTrigger[];
}

export interface WebServiceIngress {
  readonly controller: IngressController;
  readonly host: string;
  /** @default the controller's default */
  readonly healthCheckPath?: string;
  /** cert-manager ClusterIssuer for a TLS certificate of `host`. @default no TLS section */
  readonly clusterIssuer?: string;
  /** Subnets of an ALB or Application Gateway, which reach the pods directly. Required for those controllers. */
  readonly loadBalancerCidrs?: readonly string[];
}

export interface WebServiceProps {
  /** Name of the Deployment, Service and every other object of the workload. */
  readonly name: string;
  readonly namespace: string;
  /** The app this workload belongs to (`app.kubernetes.io/part-of`). @default name */
  readonly partOf?: string;
  readonly image: string;
  /** @default the image's entrypoint */
  readonly command?: readonly string[];
  /** @default the image's arguments */
  readonly args?: readonly string[];
  /** Port the container serves HTTP on. @default 8080 */
  readonly port?: number;
  /** Port of the Service. @default 80 */
  readonly servicePort?: number;
  /** Port serving Prometheus metrics (may equal `port`), or false for no ServiceMonitor. @default 9090 */
  readonly metricsPort?: number | false;
  /** @default '/metrics' */
  readonly metricsPath?: string;
  /** @default DEFAULT_PROBE_PATHS (/health, /ready, /startup) */
  readonly probePaths?: ProbePaths;
  /** Replica range the autoscaler keeps; without autoscaling, `min` replicas run. @default { min: 2, max: 10 } */
  readonly replicas?: { readonly min: number; readonly max: number };
  /** @default { engine: 'hpa' } with CPU 70% and memory 80%; false for a fixed replica count */
  readonly autoscaling?: WebServiceAutoscaling | false;
  /** @default { minAvailable: '50%' } */
  readonly disruptionBudget?: DisruptionBudget;
  /** @default DEFAULT_RESOURCES */
  readonly resources?: ResourcesSpec;
  /** @default the "restricted" security context */
  readonly security?: SecuritySpec;
  /** Explicit opt-in for settings weaker than "restricted". @default none */
  readonly allowUnsafe?: UnsafeOptIn;
  /** Literal, non-secret environment. @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** Non-secret configuration rendered as the ConfigMap `<name>-config` and loaded as environment. @default no ConfigMap */
  readonly config?: Readonly<Record<string, string>>;
  /** @default [] */
  readonly secrets?: readonly SecretMount[];
  /** @default [] */
  readonly volumes?: readonly VolumeMount[];
  /** @default ['/tmp'] */
  readonly writablePaths?: readonly string[];
  /** @default no Ingress */
  readonly ingress?: WebServiceIngress;
  /** Who reaches the pods from outside the namespace on `port`. @default the ingress controller's peers, or ingress-nginx */
  readonly ingressFrom?: readonly NetworkPeer[];
  /** Extra ingress rules, such as another tier calling this one. @default [] */
  readonly allowFrom?: readonly NetworkRule[];
  /** @default [DNS 53, HTTPS 443, database 5432] (seed 002) */
  readonly egress?: readonly NetworkRule[];
  /** @default {} */
  readonly serviceAccountAnnotations?: Readonly<Record<string, string>>;
  /** @default 'read' */
  readonly apiAccess?: ApiAccess;
}

/** Seed 002's egress: DNS, HTTPS and the database. */
export const DEFAULT_EGRESS: readonly NetworkRule[] = [ALLOW_DNS, ALLOW_HTTPS, allowDatabase()];

/**
 * A stateless HTTP workload with seed 002's production defaults: a restricted Deployment rolling
 * 25%/25%, a ClusterIP Service, HPA or KEDA autoscaling, a PodDisruptionBudget, its NetworkPolicy,
 * a ServiceMonitor, its own ServiceAccount bound to `app-reader`, and optionally an Ingress.
 */
export class WebService extends Construct {
  readonly name: string;
  /** Labels selecting the pods. */
  readonly selector: Readonly<Record<string, string>>;
  /** Container port, which NetworkPolicies of callers name. */
  readonly port: number;

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    super(scope, id);
    const { name, namespace } = props;
    const port = props.port ?? 8080;
    const metricsPort = props.metricsPort ?? 9090;
    const replicas = props.replicas ?? { min: 2, max: 10 };
    const labels = workloadLabels(name, props.partOf ?? name, 'web');
    this.name = name;
    this.selector = labels.selector;
    this.port = port;
    const metadata = { name, namespace, labels: { ...labels.all } };

    const identity = new WorkloadIdentity(this, 'Identity', {
      name,
      namespace,
      labels: labels.all,
      ...(props.serviceAccountAnnotations ? { annotations: props.serviceAccountAnnotations } : {}),
      ...(props.apiAccess ? { apiAccess: props.apiAccess } : {}),
    });

    const configMap = props.config ? `${name}-config` : undefined;
    if (configMap) new k8s.KubeConfigMap(this, 'Config', { metadata: { ...metadata, name: configMap }, data: { ...props.config } });

    const separateMetrics = metricsPort !== false && metricsPort !== port;
    const ports = [{ name: 'http', containerPort: port }, ...(separateMetrics ? [{ name: 'metrics', containerPort: metricsPort }] : [])];
    const autoscaling = props.autoscaling ?? {};
    new k8s.KubeDeployment(this, 'Deployment', {
      metadata,
      spec: {
        // With an autoscaler the replica count is its to set: a count in Git would make Argo CD undo every scaling.
        ...(autoscaling === false ? { replicas: replicas.min } : {}),
        selector: { matchLabels: { ...labels.selector } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: k8s.IntOrString.fromString('25%'), maxUnavailable: k8s.IntOrString.fromString('25%') } },
        template: podTemplate({
          name,
          labels: labels.all,
          image: props.image,
          ...(props.command ? { command: props.command } : {}),
          ...(props.args ? { args: props.args } : {}),
          ports,
          ...(props.env ? { env: props.env } : {}),
          ...(configMap ? { envFromConfigMap: configMap } : {}),
          ...(props.resources ? { resources: props.resources } : {}),
          probes: httpProbes(port, props.probePaths ?? DEFAULT_PROBE_PATHS),
          ...(props.security ? { security: props.security } : {}),
          ...(props.allowUnsafe ? { allowUnsafe: props.allowUnsafe } : {}),
          ...(props.writablePaths ? { writablePaths: props.writablePaths } : {}),
          ...(props.secrets ? { secrets: props.secrets } : {}),
          ...(props.volumes ? { volumes: props.volumes } : {}),
          // Replicas sharing a ReadWriteOnce claim only start on the node it is attached to.
          ...(replicas.max > 1 && props.volumes?.some((v) => v.readWriteOnce) ? { sameNodeAs: labels.selector } : {}),
          serviceAccountName: identity.serviceAccountName,
          automountServiceAccountToken: identity.automountToken,
        }),
      },
    });

    new k8s.KubeService(this, 'Service', {
      metadata,
      spec: {
        type: 'ClusterIP',
        selector: { ...labels.selector },
        ports: [
          { name: 'http', port: props.servicePort ?? 80, targetPort: k8s.IntOrString.fromString('http'), protocol: 'TCP' },
          ...(separateMetrics ? [{ name: 'metrics', port: metricsPort, targetPort: k8s.IntOrString.fromString('metrics'), protocol: 'TCP' }] : []),
        ],
      },
    });

    if (autoscaling !== false) {
      new PodAutoscaler(this, 'Autoscaler', { ...autoscaling, name, namespace, labels: labels.all, target: name, minReplicas: replicas.min, maxReplicas: replicas.max });
    }

    new PodDisruptionBudget(this, 'DisruptionBudget', {
      name,
      namespace,
      labels: labels.all,
      podSelector: labels.selector,
      budget: props.disruptionBudget ?? { minAvailable: '50%' },
    });

    const ingressFrom = props.ingressFrom ?? (props.ingress ? ingressControllerPeers(props.ingress.controller, props.ingress.loadBalancerCidrs) : ingressControllerPeers('nginx'));
    new WorkloadNetworkPolicy(this, 'NetworkPolicy', {
      name,
      namespace,
      labels: labels.all,
      podSelector: labels.selector,
      ingress: [
        allowTcp(ingressFrom, [port]),
        ...(metricsPort !== false ? [allowTcp([{ namespace: MONITORING_NAMESPACE }], [port, metricsPort])] : []),
        ...(props.allowFrom ?? []),
      ],
      egress: props.egress ?? DEFAULT_EGRESS,
    });

    if (metricsPort !== false) {
      new ServiceMonitor(this, 'ServiceMonitor', {
        name,
        namespace,
        labels: labels.all,
        selector: labels.selector,
        port: separateMetrics ? 'metrics' : 'http',
        ...(props.metricsPath ? { path: props.metricsPath } : {}),
      });
    }

    if (props.ingress) {
      const { controller, host, healthCheckPath, clusterIssuer } = props.ingress;
      new WebIngress(this, 'Ingress', {
        name,
        namespace,
        labels: labels.all,
        host,
        serviceName: name,
        servicePort: 'http',
        controller,
        ...(healthCheckPath ? { healthCheckPath } : {}),
        ...(clusterIssuer ? { clusterIssuer } : {}),
      });
    }
  }
}
