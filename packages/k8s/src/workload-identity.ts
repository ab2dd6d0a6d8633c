import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { APP_READER_ROLE } from './app-namespace.js';

/** What a workload may do with the Kubernetes API: read through `app-reader`, or nothing. */
export type ApiAccess = 'read' | 'none';

export interface WorkloadIdentityProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Annotations such as `eks.amazonaws.com/role-arn` for IRSA. @default {} */
  readonly annotations?: Readonly<Record<string, string>>;
  /** @default 'read' (seed 002 binds `app-reader` to the app's ServiceAccount) */
  readonly apiAccess?: ApiAccess;
}

/**
 * The workload's own ServiceAccount and, with API access, a RoleBinding to the namespace's
 * `app-reader` Role; never anything cluster-wide.
 */
export class WorkloadIdentity extends Construct {
  readonly serviceAccountName: string;
  /** Whether pods mount an API token: only when they have API access to use it with. */
  readonly automountToken: boolean;

  constructor(scope: Construct, id: string, props: WorkloadIdentityProps) {
    super(scope, id);
    this.serviceAccountName = props.name;
    this.automountToken = (props.apiAccess ?? 'read') === 'read';
    const metadata = { name: props.name, namespace: props.namespace, labels: { ...props.labels } };
    new k8s.KubeServiceAccount(this, 'Resource', {
      metadata: { ...metadata, ...(props.annotations ? { annotations: { ...props.annotations } } : {}) },
      automountServiceAccountToken: false,
    });
    if (this.automountToken) {
      new k8s.KubeRoleBinding(this, 'Reader', {
        metadata: { ...metadata, name: `${props.name}-${APP_READER_ROLE}` },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: APP_READER_ROLE },
        subjects: [{ kind: 'ServiceAccount', name: props.name, namespace: props.namespace }],
      });
    }
  }
}
