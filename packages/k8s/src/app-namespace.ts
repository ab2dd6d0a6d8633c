import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/** Pod Security admission levels, from strictest to none. */
export type PodSecurityLevel = 'restricted' | 'baseline' | 'privileged';

/** Name of the read-only Role every app namespace has, bound to workloads that read the Kubernetes API. */
export const APP_READER_ROLE = 'app-reader';

export interface AppNamespaceProps {
  readonly name: string;
  /** @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Pod Security level enforced (and audited and warned) for every pod of the namespace:
   * "restricted" for apps, "baseline" for system components, "privileged" for CSI drivers.
   * @default 'restricted'
   */
  readonly podSecurity?: PodSecurityLevel;
  /** Why the namespace must be privileged; required with podSecurity "privileged". */
  readonly privilegedReason?: string;
  /** Deny all traffic in and out unless a workload's own NetworkPolicy allows it. @default true */
  readonly defaultDeny?: boolean;
  /** The `app-reader` Role (pods, services, configmaps: get, list, watch). @default true */
  readonly readerRole?: boolean;
}

/** A namespace with its Pod Security admission labels, a default-deny NetworkPolicy and the `app-reader` Role. */
export class AppNamespace extends Construct {
  readonly name: string;

  constructor(scope: Construct, id: string, props: AppNamespaceProps) {
    super(scope, id);
    this.name = props.name;
    const level = props.podSecurity ?? 'restricted';
    if (level === 'privileged' && (props.privilegedReason ?? '').trim().length === 0) {
      throw new Error(
        `namespace "${props.name}": podSecurity = "privileged" is not allowed; allowed: "restricted" or "baseline", or "privileged" with a privilegedReason (e.g. a CSI driver needs host access)`,
      );
    }
    const labels = { ...props.labels };
    new k8s.KubeNamespace(this, 'Resource', {
      metadata: {
        name: props.name,
        labels: {
          ...labels,
          'pod-security.kubernetes.io/enforce': level,
          'pod-security.kubernetes.io/audit': level,
          'pod-security.kubernetes.io/warn': level,
        },
        ...(props.privilegedReason ? { annotations: { 'wavesmith.dev/privileged-reason': props.privilegedReason } } : {}),
      },
    });
    if (props.defaultDeny ?? true) {
      new k8s.KubeNetworkPolicy(this, 'DefaultDeny', {
        metadata: { name: 'default-deny-all', namespace: props.name, labels },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      });
    }
    if (props.readerRole ?? true) {
      new k8s.KubeRole(this, 'Reader', {
        metadata: { name: APP_READER_ROLE, namespace: props.name, labels },
        rules: [{ apiGroups: [''], resources: ['pods', 'services', 'configmaps'], verbs: ['get', 'list', 'watch'] }],
      });
    }
  }
}
