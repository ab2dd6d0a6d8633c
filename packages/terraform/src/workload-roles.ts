import { fn, type Value } from './expression.js';
import { iamRole, type IamRole, type PolicyStatement } from './iam.js';
import type { EksCluster } from './eks-cluster.js';
import type { Resource, Stack } from './stack.js';
import { tfName } from './names.js';
import { AWS_LOAD_BALANCER_CONTROLLER_POLICY } from './upstream-policies/aws-load-balancer-controller.js';
import { CLUSTER_AUTOSCALER_POLICY } from './upstream-policies/cluster-autoscaler.js';
import { EBS_CSI_DRIVER_POLICY } from './upstream-policies/ebs-csi-driver.js';
import { EFS_CSI_DRIVER_POLICY } from './upstream-policies/efs-csi-driver.js';
import { policyDocument, type PolicyPlaceholders, type UpstreamPolicy } from './upstream-policies/upstream-policy.js';

/** What one workload may do: its controller's upstream policy document and inline statements, collected from every module that grants something. */
interface Permissions {
  /** Upstream policy documents, each its own customer managed policy (IAM caps inline policies at 10,240 characters per role). */
  readonly documents: Value[];
  readonly statements: PolicyStatement[];
}

/**
 * Collects the permissions each workload needs (a controller's own policy, access to a bucket,
 * a database secret), so that every workload gets exactly one role, created once.
 */
export class WorkloadAccess {
  readonly #byWorkload = new Map<string, Permissions>();

  /** `order`: the cluster's IAM workloads in the order of its context, so the document does not depend on call order. */
  constructor(private readonly order: readonly string[]) {}

  grant(workload: string, statements: readonly PolicyStatement[]): void {
    this.#entry(workload).statements.push(...statements);
  }

  /** A controller's policy as upstream publishes it, placeholders filled. */
  attach(workload: string, document: Value): void {
    this.#entry(workload).documents.push(document);
  }

  /** Workloads with permissions, in the context's order; a workload granted access but not declared is an error. */
  get workloads(): readonly string[] {
    const undeclared = [...this.#byWorkload.keys()].filter((w) => !this.order.includes(w));
    if (undeclared.length > 0) throw new Error(`IAM workloads ${undeclared.join(', ')} are granted access but no component or app of the cluster declares them`);
    return this.order.filter((w) => this.#byWorkload.has(w));
  }

  permissions(workload: string): Permissions | undefined {
    return this.#byWorkload.get(workload);
  }

  #entry(workload: string): Permissions {
    let entry = this.#byWorkload.get(workload);
    if (!entry) {
      entry = { documents: [], statements: [] };
      this.#byWorkload.set(workload, entry);
    }
    return entry;
  }
}

export interface WorkloadRolesProps {
  /** The cluster whose service accounts assume the roles. */
  readonly cluster: Pick<EksCluster, 'cluster' | 'oidcProvider'>;
  readonly access: WorkloadAccess;
  /** IAM role name of a workload (awsRoleName); charts annotate service accounts with the matching ARN. */
  readonly roleName: (workload: string) => string;
  /** Service accounts allowed to assume a workload's role through IRSA (awsWorkloadSubjects). */
  readonly subjects: (workload: string) => readonly string[];
  /**
   * The `namespace:name` service accounts of a workload whose pods get its role through EKS Pod
   * Identity, or undefined for one that uses IRSA. @default every workload uses IRSA
   */
  readonly podIdentity?: (workload: string) => readonly string[] | undefined;
}

/**
 * One IAM role per workload that has permissions, assumable by exactly the workload's service
 * accounts: through IRSA (the charts annotate those accounts with the role's ARN), or through
 * EKS Pod Identity (an association per service account; the EKS Pod Identity Agent hands out
 * the credentials).
 */
export function workloadRoles(stack: Stack, props: WorkloadRolesProps): ReadonlyMap<string, IamRole> {
  const roles = new Map<string, IamRole>();
  for (const workload of props.access.workloads) {
    const permissions = props.access.permissions(workload)!;
    const id = tfName('workload', workload);
    const podAccounts = props.podIdentity?.(workload)?.map((account) => podIdentityAccount(workload, account));
    const subjects = podAccounts ? [] : props.subjects(workload);
    if ((podAccounts ?? subjects).length === 0) throw new Error(`workload "${workload}" is granted AWS access but no service account runs it`);
    const role = iamRole(stack, id, {
      roleName: props.roleName(workload),
      trustedBy: podAccounts ? { clusterArn: props.cluster.cluster.arn, serviceAccounts: podAccounts } : { oidcProvider: props.cluster.oidcProvider, subjects },
      statements: permissions.statements,
    });
    const attached = upstreamPolicies(stack, id, props.roleName(workload), permissions.documents).map((policy, i, all) =>
      stack.resource('aws_iam_role_policy_attachment', tfName(id, 'upstream', ...numbered(i, all.length)), { role: role.role.attr('name'), policy_arn: policy.arn }),
    );
    // aws provider v6 aws_eks_pod_identity_association: cluster_name, namespace, service_account and role_arn.
    const associations = (podAccounts ?? []).map((account, i, all) =>
      stack.resource('aws_eks_pod_identity_association', tfName(id, ...numbered(i, all.length)), {
        cluster_name: props.cluster.cluster.attr('name'),
        namespace: account.namespace,
        service_account: account.name,
        role_arn: role.role.arn,
      }),
    );
    roles.set(workload, { role: role.role, grants: [...role.grants, ...attached, ...associations] });
  }
  return roles;
}

/** `namespace:name` as Pod Identity associates it: one named account, since an association takes no wildcard. */
function podIdentityAccount(workload: string, account: string): { namespace: string; name: string } {
  const [namespace, name] = account.split(':');
  if (!namespace || !name || name === '*') {
    throw new Error(`workload "${workload}": service account "${account}" cannot use EKS Pod Identity, which associates one named account (namespace:name); "namespace:*" works with IRSA only`);
  }
  return { namespace, name };
}

/**
 * Upstream policy documents, each a customer managed policy of its own (IAM caps inline policies
 * at 10,240 characters per role): `<name>`, or `<name>-1`, `<name>-2`, ... when there are several.
 */
export function upstreamPolicies(stack: Stack, id: string, name: string, documents: readonly Value[]): Resource<'aws_iam_policy'>[] {
  return documents.map((document, i) => {
    const suffix = numbered(i, documents.length);
    return stack.resource('aws_iam_policy', tfName(id, ...suffix), { name: [name, ...suffix].join('-'), policy: fn.jsonencode(document) });
  });
}

/** The suffix of the i-th of several things (`1`, `2`, ...); none when there is only one. */
function numbered(i: number, count: number): string[] {
  return count > 1 ? [String(i + 1)] : [];
}

/** The controllers in the platform catalogue that call AWS APIs, and the upstream policy of the version each chart runs. */
const CONTROLLER_POLICIES: readonly { readonly workload: string; readonly policy: UpstreamPolicy }[] = [
  { workload: 'aws-load-balancer-controller', policy: AWS_LOAD_BALANCER_CONTROLLER_POLICY },
  { workload: 'ebs-csi-driver', policy: EBS_CSI_DRIVER_POLICY },
  { workload: 'efs-csi-driver', policy: EFS_CSI_DRIVER_POLICY },
  { workload: 'cluster-autoscaler', policy: CLUSTER_AUTOSCALER_POLICY },
];

/**
 * Grants each controller among the cluster's declared AWS workloads (the context's) its upstream
 * policy, whole: a shortened policy fails on the first request its authors did not foresee.
 */
export function grantControllers(access: WorkloadAccess, workloads: readonly string[], placeholders: PolicyPlaceholders): void {
  for (const { workload, policy } of CONTROLLER_POLICIES) if (workloads.includes(workload)) access.attach(workload, policyDocument(policy, placeholders));
}
