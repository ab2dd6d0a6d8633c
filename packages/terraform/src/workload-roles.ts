import type { Ref } from './expression.js';
import { iamRole, managedPolicyArn, type IamRole, type PolicyStatement } from './iam.js';
import type { Resource, Stack } from './stack.js';
import { tfName } from './names.js';

/** What one workload may do: managed policies and inline statements, collected from every module that grants something. */
interface Permissions {
  readonly managedPolicies: string[];
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

  attach(workload: string, managedPolicy: string): void {
    this.#entry(workload).managedPolicies.push(managedPolicy);
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
      entry = { managedPolicies: [], statements: [] };
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
    roles.set(
      workload,
      iamRole(stack, tfName('workload', workload), {
        roleName: props.roleName(workload),
        trustedBy: { oidcProvider: props.oidcProvider, subjects },
        managedPolicies: permissions.managedPolicies,
        statements: permissions.statements,
      }),
    );
  }
  return roles;
}

/** Permissions of the controllers in the platform catalogue that call AWS APIs, condensed from their upstream IAM policies. */
export function grantControllers(access: WorkloadAccess, platform: readonly string[], clusterArn: Ref<'aws_eks_cluster'>, clusterName: string): void {
  if (platform.includes('ebs-csi-driver')) access.attach('ebs-csi-driver', managedPolicyArn('service-role/AmazonEBSCSIDriverPolicy'));
  if (platform.includes('efs-csi-driver')) access.attach('efs-csi-driver', managedPolicyArn('service-role/AmazonEFSCSIDriverPolicy'));
  if (platform.includes('aws-load-balancer-controller')) access.grant('aws-load-balancer-controller', LOAD_BALANCER_CONTROLLER);
  if (platform.includes('cluster-autoscaler')) {
    access.grant('cluster-autoscaler', [
      {
        sid: 'Discover',
        actions: [
          'autoscaling:DescribeAutoScalingGroups',
          'autoscaling:DescribeAutoScalingInstances',
          'autoscaling:DescribeLaunchConfigurations',
          'autoscaling:DescribeScalingActivities',
          'autoscaling:DescribeTags',
          'ec2:DescribeImages',
          'ec2:DescribeInstanceTypes',
          'ec2:DescribeLaunchTemplateVersions',
          'ec2:GetInstanceTypesFromInstanceRequirements',
          'eks:DescribeNodegroup',
        ],
        resources: ['*'],
      },
      {
        sid: 'ScaleOwnGroups',
        actions: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
        resources: ['*'],
        // EKS tags the Auto Scaling groups of managed node groups with the cluster's name.
        conditions: [{ test: 'StringEquals', variable: `aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`, values: ['owned'] }],
      },
      { sid: 'DescribeCluster', actions: ['eks:DescribeCluster'], resources: [clusterArn] },
    ]);
  }
}

const LOAD_BALANCER_CONTROLLER: readonly PolicyStatement[] = [
  {
    sid: 'ServiceLinkedRole',
    actions: ['iam:CreateServiceLinkedRole'],
    resources: ['*'],
    conditions: [{ test: 'StringEquals', variable: 'iam:AWSServiceName', values: ['elasticloadbalancing.amazonaws.com'] }],
  },
  {
    sid: 'Describe',
    actions: [
      'ec2:DescribeAccountAttributes',
      'ec2:DescribeAddresses',
      'ec2:DescribeAvailabilityZones',
      'ec2:DescribeInternetGateways',
      'ec2:DescribeVpcs',
      'ec2:DescribeVpcPeeringConnections',
      'ec2:DescribeSubnets',
      'ec2:DescribeSecurityGroups',
      'ec2:DescribeInstances',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeTags',
      'ec2:DescribeCoipPools',
      'ec2:GetCoipPoolUsage',
      'ec2:DescribeIpamPools',
      'ec2:GetSecurityGroupsForVpc',
      'elasticloadbalancing:Describe*',
      'acm:ListCertificates',
      'acm:DescribeCertificate',
      'iam:ListServerCertificates',
      'iam:GetServerCertificate',
      'cognito-idp:DescribeUserPoolClient',
      'waf-regional:GetWebACL',
      'waf-regional:GetWebACLForResource',
      'waf-regional:AssociateWebACL',
      'waf-regional:DisassociateWebACL',
      'wafv2:GetWebACL',
      'wafv2:GetWebACLForResource',
      'wafv2:AssociateWebACL',
      'wafv2:DisassociateWebACL',
      'shield:GetSubscriptionState',
      'shield:DescribeProtection',
      'shield:CreateProtection',
      'shield:DeleteProtection',
    ],
    resources: ['*'],
  },
  {
    sid: 'SecurityGroups',
    actions: ['ec2:CreateSecurityGroup', 'ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:CreateTags'],
    resources: ['*'],
  },
  {
    sid: 'OwnSecurityGroups',
    actions: ['ec2:DeleteSecurityGroup', 'ec2:DeleteTags'],
    resources: ['*'],
    conditions: [{ test: 'Null', variable: 'aws:ResourceTag/elbv2.k8s.aws/cluster', values: ['false'] }],
  },
  {
    sid: 'LoadBalancers',
    actions: [
      'elasticloadbalancing:CreateLoadBalancer',
      'elasticloadbalancing:CreateTargetGroup',
      'elasticloadbalancing:CreateListener',
      'elasticloadbalancing:DeleteListener',
      'elasticloadbalancing:CreateRule',
      'elasticloadbalancing:DeleteRule',
      'elasticloadbalancing:AddTags',
      'elasticloadbalancing:RemoveTags',
      'elasticloadbalancing:ModifyLoadBalancerAttributes',
      'elasticloadbalancing:SetIpAddressType',
      'elasticloadbalancing:SetSecurityGroups',
      'elasticloadbalancing:SetSubnets',
      'elasticloadbalancing:DeleteLoadBalancer',
      'elasticloadbalancing:ModifyTargetGroup',
      'elasticloadbalancing:ModifyTargetGroupAttributes',
      'elasticloadbalancing:DeleteTargetGroup',
      'elasticloadbalancing:RegisterTargets',
      'elasticloadbalancing:DeregisterTargets',
      'elasticloadbalancing:SetWebAcl',
      'elasticloadbalancing:ModifyListener',
      'elasticloadbalancing:AddListenerCertificates',
      'elasticloadbalancing:RemoveListenerCertificates',
      'elasticloadbalancing:ModifyRule',
      'elasticloadbalancing:ModifyListenerAttributes',
    ],
    resources: ['*'],
  },
];
