import { fn, type Value } from './expression.js';
import { iamRole, type IamRole, type PolicyStatement } from './iam.js';
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
  readonly oidcProvider: Resource<'aws_iam_openid_connect_provider'>;
  readonly access: WorkloadAccess;
  /** IAM role name of a workload (awsRoleName); charts annotate service accounts with the matching ARN. */
  readonly roleName: (workload: string) => string;
  /** Service accounts allowed to assume a workload's role (awsServiceAccountSubjects). */
  readonly subjects: (workload: string) => readonly string[];
}

/**
 * One IAM role per workload that has permissions, assumable through IRSA by exactly the
 * workload's service accounts; the charts annotate those accounts with the role's ARN.
 */
export function workloadRoles(stack: Stack, props: WorkloadRolesProps): ReadonlyMap<string, IamRole> {
  const roles = new Map<string, IamRole>();
  for (const workload of props.access.workloads) {
    const permissions = props.access.permissions(workload)!;
    const subjects = props.subjects(workload);
    if (subjects.length === 0) throw new Error(`workload "${workload}" is granted AWS access but no service account runs it`);
    const id = tfName('workload', workload);
    const role = iamRole(stack, id, {
      roleName: props.roleName(workload),
      trustedBy: { oidcProvider: props.oidcProvider, subjects },
      statements: permissions.statements,
    });
    const attached = permissions.documents.map((document, i) => {
      const suffix = permissions.documents.length > 1 ? [String(i + 1)] : [];
      const policy = stack.resource('aws_iam_policy', tfName(id, ...suffix), { name: [props.roleName(workload), ...suffix].join('-'), policy: fn.jsonencode(document) });
      return stack.resource('aws_iam_role_policy_attachment', tfName(id, 'upstream', ...suffix), { role: role.role.attr('name'), policy_arn: policy.arn });
    });
    roles.set(workload, { role: role.role, grants: [...role.grants, ...attached] });
  }
  return roles;
}

/** The controllers in the platform catalogue that call AWS APIs, and the upstream policy of the version each chart runs. */
const CONTROLLER_POLICIES: readonly { readonly workload: string; readonly policy: UpstreamPolicy }[] = [
  { workload: 'aws-load-balancer-controller', policy: AWS_LOAD_BALANCER_CONTROLLER_POLICY },
  { workload: 'ebs-csi-driver', policy: EBS_CSI_DRIVER_POLICY },
  { workload: 'efs-csi-driver', policy: EFS_CSI_DRIVER_POLICY },
  { workload: 'cluster-autoscaler', policy: CLUSTER_AUTOSCALER_POLICY },
];

/**
 * Grants each platform controller that calls AWS APIs its upstream policy, whole: a shortened
 * policy fails on the first request its authors did not foresee.
 */
export function grantControllers(access: WorkloadAccess, platform: readonly string[], placeholders: PolicyPlaceholders): void {
  for (const { workload, policy } of CONTROLLER_POLICIES) if (platform.includes(workload)) access.attach(workload, policyDocument(policy, placeholders));
}


