import { fn, interpolate, type Ref, type Value } from './expression.js';
import type { Resource, Stack } from './stack.js';
import { tfName } from './names.js';

/** One IAM policy statement, in the shape of aws_iam_policy_document's `statement` block. */
export interface PolicyStatement {
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resources: readonly Value[];
  /** @default none */
  readonly conditions?: readonly { readonly test: string; readonly variable: string; readonly values: readonly Value[] }[];
}

/** AWS services that assume the roles declared here: the EKS control plane and EC2 instances. */
export type TrustedService = 'eks.amazonaws.com' | 'ec2.amazonaws.com';

/** Kubernetes service accounts of a cluster (IRSA): the cluster's OIDC provider and the allowed subjects. */
export interface ServiceAccountTrust {
  readonly oidcProvider: Resource<'aws_iam_openid_connect_provider'>;
  /** `system:serviceaccount:<namespace>:<name>`; `*` matches any name. */
  readonly subjects: readonly string[];
}

/**
 * Kubernetes service accounts of an EKS cluster through EKS Pod Identity: the `pods.eks.amazonaws.com`
 * service assumes the role, held to the cluster and the service accounts by the session tags it sets.
 */
export interface PodIdentityTrust {
  /** ARN of the cluster whose pods may assume the role. */
  readonly clusterArn: Ref<'aws_eks_cluster'>;
  /** `{ namespace, name }` of each service account the role is associated with. */
  readonly serviceAccounts: readonly { readonly namespace: string; readonly name: string }[];
}

export interface IamRoleProps {
  /** The role's IAM name (from cloud-names for workload roles). */
  readonly roleName: string;
  readonly trustedBy: TrustedService | ServiceAccountTrust | PodIdentityTrust;
  /** AWS managed policies attached as they are. @default none */
  readonly managedPolicies?: readonly string[];
  /** Customer managed policies declared in the same document, attached. @default none */
  readonly policies?: readonly Resource<'aws_iam_policy'>[];
  /** Inline permissions. @default none */
  readonly statements?: readonly PolicyStatement[];
}

export interface IamRole {
  readonly role: Resource<'aws_iam_role'>;
  /** Attachments and inline policy: what must exist before the role is usable. */
  readonly grants: readonly Resource[];
}


/** A statement id from words (`read`, `loki-chunks` -> `ReadLokiChunks`); IAM allows letters and digits only. */
export function sid(...words: readonly string[]): string {
  return words
    .flatMap((w) => w.split(/[^A-Za-z0-9]+/))
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

export const managedPolicyArn = (name: string): string => `arn:aws:iam::aws:policy/${name}`;

/** An IAM role with its trust policy, managed policy attachments and one inline policy, all as typed data sources. */
export function iamRole(stack: Stack, id: string, props: IamRoleProps): IamRole {
  const trust = stack.data('aws_iam_policy_document', tfName(id, 'trust'), { statement: trustStatements(props.trustedBy) });
  const role = stack.resource('aws_iam_role', tfName(id), { name: props.roleName, assume_role_policy: trust.attr('json') });
  const grants: Resource[] = (props.managedPolicies ?? []).map((arn) =>
    stack.resource('aws_iam_role_policy_attachment', tfName(id, arn.slice(arn.lastIndexOf('/') + 1)), { role: role.attr('name'), policy_arn: arn }),
  );
  for (const policy of props.policies ?? []) {
    grants.push(stack.resource('aws_iam_role_policy_attachment', tfName(id, policy.name), { role: role.attr('name'), policy_arn: policy.arn }));
  }
  if (props.statements && props.statements.length > 0) {
    const document = stack.data('aws_iam_policy_document', tfName(id), { statement: props.statements.map(statementBlock) });
    grants.push(stack.resource('aws_iam_role_policy', tfName(id), { name: props.roleName, role: role.attr('name'), policy: document.attr('json') }));
  }
  return { role, grants };
}

function trustStatements(trustedBy: TrustedService | ServiceAccountTrust | PodIdentityTrust): Value[] {
  if (typeof trustedBy === 'string') return [{ effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: [trustedBy] }] }];
  if ('clusterArn' in trustedBy) {
    // EKS user guide, pod-id-role: AssumeRole and TagSession, limited by the request tags Pod Identity sets; one statement per account, so namespace and name pair up.
    return trustedBy.serviceAccounts.map((account) => ({
      effect: 'Allow',
      actions: ['sts:AssumeRole', 'sts:TagSession'],
      principals: [{ type: 'Service', identifiers: ['pods.eks.amazonaws.com'] }],
      condition: [
        { test: 'StringEquals', variable: 'aws:RequestTag/eks-cluster-arn', values: [trustedBy.clusterArn] },
        { test: 'StringEquals', variable: 'aws:RequestTag/kubernetes-namespace', values: [account.namespace] },
        { test: 'StringEquals', variable: 'aws:RequestTag/kubernetes-service-account', values: [account.name] },
      ],
    }));
  }
  const issuer = fn.replace(trustedBy.oidcProvider.attr('url'), 'https://', '');
  const wildcard = trustedBy.subjects.some((s) => s.includes('*'));
  return [
    {
      effect: 'Allow',
      actions: ['sts:AssumeRoleWithWebIdentity'],
      principals: [{ type: 'Federated', identifiers: [trustedBy.oidcProvider.arn] }],
      condition: [
        { test: 'StringEquals', variable: interpolate`${issuer}:aud`, values: ['sts.amazonaws.com'] },
        { test: wildcard ? 'StringLike' : 'StringEquals', variable: interpolate`${issuer}:sub`, values: trustedBy.subjects },
      ],
    },
  ];
}

function statementBlock(s: PolicyStatement): Value {
  return {
    sid: s.sid,
    effect: 'Allow',
    actions: s.actions,
    resources: s.resources,
    condition: s.conditions?.map((c) => ({ test: c.test, variable: c.variable, values: c.values })),
  };
}
