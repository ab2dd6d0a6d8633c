import { describe, expect, it } from 'vitest';
import { grantControllers, WorkloadAccess, workloadRoles } from '../src/workload-roles.js';
import type { Stack } from '../src/stack.js';
import { render } from './helpers.js';

/** The cluster's IAM workloads in the order of its context. */
const ORDER = ['karpenter', 'aws-load-balancer-controller', 'ebs-csi-driver', 'efs-csi-driver', 'cluster-autoscaler'];

const PLACEHOLDERS = { partition: 'aws', region: 'us-east-1', account: '111122223333', cluster: 'production-cluster' };

/** An EKS cluster and its OIDC provider, as eksCluster declares them. */
const eks = (stack: Stack) => {
  const cluster = stack.resource('aws_eks_cluster', 'main', { name: 'production-cluster' });
  return { cluster, oidcProvider: stack.resource('aws_iam_openid_connect_provider', 'eks', { url: cluster.attr('identity[0].oidc[0].issuer') }) };
};

const renderRoles = (
  workloads: string[],
  subjects: (w: string) => string[] = (w) => [`system:serviceaccount:kube-system:${w}`],
  podIdentity?: (w: string) => string[] | undefined,
) =>
  render((stack) => {
    const access = new WorkloadAccess(ORDER);
    grantControllers(access, workloads, PLACEHOLDERS);
    return workloadRoles(stack, { cluster: eks(stack), access, roleName: (w) => `production-cluster-${w}`, subjects, podIdentity });
  });

describe('workloadRoles', () => {
  it('gives each controller among the declared workloads one role named by cloud-names, in a fixed order', () => {
    const { resource, problems } = renderRoles(['cluster-autoscaler', 'efs-csi-driver', 'ebs-csi-driver', 'aws-load-balancer-controller', 'kube-prometheus-stack']);
    expect(Object.values(resource('aws_iam_role')).map((r: any) => r.name)).toEqual([
      'production-cluster-aws-load-balancer-controller',
      'production-cluster-ebs-csi-driver',
      'production-cluster-efs-csi-driver',
      'production-cluster-cluster-autoscaler',
    ]);
    expect(resource('aws_iam_role_policy_attachment').workload_ebs_csi_driver_upstream).toEqual({
      role: '${aws_iam_role.workload_ebs_csi_driver.name}',
      policy_arn: '${aws_iam_policy.workload_ebs_csi_driver.arn}',
    });
    expect(problems).toEqual([]);
  });

  it('trusts only the workload service account through the cluster OIDC provider', () => {
    const { data } = renderRoles(['cluster-autoscaler']);
    const trust = data('aws_iam_policy_document').workload_cluster_autoscaler_trust.statement[0];
    expect(trust.actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
    expect(trust.principals).toEqual([{ type: 'Federated', identifiers: ['${aws_iam_openid_connect_provider.eks.arn}'] }]);
    expect(trust.condition[1]).toEqual({
      test: 'StringEquals',
      variable: '${replace(aws_iam_openid_connect_provider.eks.url, "https://", "")}:sub',
      values: ['system:serviceaccount:kube-system:cluster-autoscaler'],
    });
  });

  it("gives each controller its upstream policy whole, as a managed policy of its own", () => {
    const { resource } = renderRoles(['cluster-autoscaler', 'efs-csi-driver', 'ebs-csi-driver', 'aws-load-balancer-controller']);
    const policies = resource('aws_iam_policy');
    expect(policies.workload_cluster_autoscaler).toEqual({
      name: 'production-cluster-cluster-autoscaler',
      policy:
        '${jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Action" = ["autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeAutoScalingInstances", "autoscaling:DescribeLaunchConfigurations", "autoscaling:DescribeScalingActivities", "ec2:DescribeImages", "ec2:DescribeInstanceTypes", "ec2:DescribeLaunchTemplateVersions", "ec2:GetInstanceTypesFromInstanceRequirements", "eks:DescribeNodegroup"], "Resource" = ["*"] }, { "Effect" = "Allow", "Action" = ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"], "Resource" = ["*"] }] })}',
    });
    // The load balancer controller may create the ELB service-linked role a fresh account lacks.
    expect(policies.workload_aws_load_balancer_controller.policy).toContain('"iam:AWSServiceName" = "elasticloadbalancing.amazonaws.com"');
    expect(policies.workload_efs_csi_driver.policy).toContain('"aws:RequestTag/efs.csi.aws.com/cluster" = "true"');
    expect(policies.workload_ebs_csi_driver.policy).toContain('ec2:CreateVolume');
  });

  it('fails for a workload granted access that the cluster does not declare', () => {
    const { problems } = render((stack) => {
      const access = new WorkloadAccess(['loki']);
      grantControllers(access, ['cluster-autoscaler'], PLACEHOLDERS);
      expect(() => workloadRoles(stack, { cluster: eks(stack), access, roleName: (w) => w, subjects: () => ['x'] })).toThrow(
        'IAM workloads cluster-autoscaler are granted access but no component or app of the cluster declares them',
      );
    });
    expect(problems).toEqual([]);
  });

  it('fails for a workload with permissions but no service account', () => {
    expect(() => renderRoles(['ebs-csi-driver'], () => [])).toThrow('workload "ebs-csi-driver" is granted AWS access but no service account runs it');
    expect(() => renderRoles(['ebs-csi-driver'], () => ['x'], () => [])).toThrow('workload "ebs-csi-driver" is granted AWS access but no service account runs it');
  });

  it('trusts EKS Pod Identity for a Pod Identity workload, held to the cluster, namespace and service account (seed 003)', () => {
    const { data, resource, problems } = renderRoles(['aws-load-balancer-controller'], () => [], (w) => (w === 'aws-load-balancer-controller' ? ['kube-system:aws-load-balancer-controller'] : undefined));
    expect(data('aws_iam_policy_document').workload_aws_load_balancer_controller_trust.statement).toEqual([
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        principals: [{ type: 'Service', identifiers: ['pods.eks.amazonaws.com'] }],
        condition: [
          { test: 'StringEquals', variable: 'aws:RequestTag/eks-cluster-arn', values: ['${aws_eks_cluster.main.arn}'] },
          { test: 'StringEquals', variable: 'aws:RequestTag/kubernetes-namespace', values: ['kube-system'] },
          { test: 'StringEquals', variable: 'aws:RequestTag/kubernetes-service-account', values: ['aws-load-balancer-controller'] },
        ],
      },
    ]);
    expect(resource('aws_eks_pod_identity_association')).toEqual({
      workload_aws_load_balancer_controller: {
        cluster_name: '${aws_eks_cluster.main.name}',
        namespace: 'kube-system',
        service_account: 'aws-load-balancer-controller',
        role_arn: '${aws_iam_role.workload_aws_load_balancer_controller.arn}',
      },
    });
    expect(resource('aws_iam_policy').workload_aws_load_balancer_controller.name).toBe('production-cluster-aws-load-balancer-controller');
    expect(problems).toEqual([]);
  });

  it('counts the role of a Pod Identity workload among its grants together with its associations, one per service account', () => {
    const { result, resource } = renderRoles(['cluster-autoscaler'], () => [], () => ['kube-system:cluster-autoscaler', 'kube-system:cluster-autoscaler-status']);
    expect(Object.keys(resource('aws_eks_pod_identity_association'))).toEqual(['workload_cluster_autoscaler_1', 'workload_cluster_autoscaler_2']);
    expect(result.get('cluster-autoscaler')!.grants.map((g) => g.address)).toEqual([
      'aws_iam_role_policy_attachment.workload_cluster_autoscaler_upstream',
      'aws_eks_pod_identity_association.workload_cluster_autoscaler_1',
      'aws_eks_pod_identity_association.workload_cluster_autoscaler_2',
    ]);
  });

  it('fails for a Pod Identity workload whose service accounts are a whole namespace, which only IRSA can trust', () => {
    expect(() => renderRoles(['cluster-autoscaler'], () => [], () => ['kube-system:*'])).toThrow(
      'workload "cluster-autoscaler": service account "kube-system:*" cannot use EKS Pod Identity, which associates one named account (namespace:name); "namespace:*" works with IRSA only',
    );
  });
});

describe('grantControllers', () => {
  it('grants upstream policies by the declared workload, whatever platform entry declares it', () => {
    const access = new WorkloadAccess(ORDER);
    grantControllers(access, ['ebs-csi-driver', 'kube-prometheus-stack'], PLACEHOLDERS);
    expect(access.workloads).toEqual(['ebs-csi-driver']);
    expect(JSON.stringify(access.permissions('ebs-csi-driver')!.documents)).toContain('ec2:CreateVolume');
  });
});
