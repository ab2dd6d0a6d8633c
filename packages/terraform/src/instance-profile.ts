import { iamRole, managedPolicyArn, type PolicyStatement } from './iam.js';
import type { Ref } from './expression.js';
import type { RoleGrants } from './node-workload-grants.js';
import type { Resource, Stack } from './stack.js';
import { tfName } from './names.js';

export interface InstanceProfileProps {
  /** IAM name of the role and the profile. */
  readonly name: string;
  /** What the nodes may read (their SSM parameters). @default none */
  readonly statements?: readonly PolicyStatement[];
  /** What the workloads whose pods run on these nodes may do (NodeWorkloadGrants.forPools). @default none */
  readonly workloads?: RoleGrants;
}

export interface InstanceProfile {
  readonly name: Ref<'aws_iam_instance_profile'>;
  /** Attachments and inline policy: instances must not boot before their permissions exist. */
  readonly grants: readonly Resource[];
}

/**
 * The identity of self-managed nodes: AmazonSSMManagedInstanceCore, so admins open shells with
 * Session Manager instead of SSH through the internet, read access to the node's own bootstrap
 * parameters, and what the workloads running on the nodes are granted.
 */
export function instanceProfile(stack: Stack, id: string, props: InstanceProfileProps): InstanceProfile {
  const role = iamRole(stack, id, {
    roleName: props.name,
    trustedBy: 'ec2.amazonaws.com',
    managedPolicies: [managedPolicyArn('AmazonSSMManagedInstanceCore')],
    policies: props.workloads?.policies,
    statements: [...(props.statements ?? []), ...(props.workloads?.statements ?? [])],
  });
  const profile = stack.resource('aws_iam_instance_profile', tfName(id), { name: props.name, role: role.role.attr('name') });
  return { name: profile.attr('name'), grants: role.grants };
}
