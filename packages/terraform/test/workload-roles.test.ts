import { describe, expect, it } from 'vitest';
import { grantControllers, WorkloadAccess, workloadRoles } from '../src/workload-roles.js';
import { render } from './helpers.js';

/** The cluster's IAM workloads in the order of its context. */
const ORDER = ['karpenter', 'aws-load-balancer-controller', 'ebs-csi-driver', 'efs-csi-driver', 'cluster-autoscaler'];

const renderRoles = (platform: string[], subjects: (w: string) => string[] = (w) => [`system:serviceaccount:kube-system:${w}`]) =>
  render((stack) => {
    const cluster = stack.resource('aws_eks_cluster', 'main', { name: 'production-cluster' });
    const oidcProvider = stack.resource('aws_iam_openid_connect_provider', 'eks', { url: cluster.attr('identity[0].oidc[0].issuer') });
    const access = new WorkloadAccess(ORDER);
    grantControllers(access, platform, cluster.arn, 'production-cluster');
    return workloadRoles(stack, { oidcProvider, access, roleName: (w) => `production-cluster-${w}`, subjects });
  });

describe('workloadRoles', () => {
  it('gives each controller the platform runs one role named by cloud-names, in a fixed order', () => {
    const { resource, problems } = renderRoles(['cluster-autoscaler', 'efs-csi-driver', 'ebs-csi-driver', 'aws-load-balancer-controller', 'kube-prometheus-stack']);
    expect(Object.values(resource('aws_iam_role')).map((r: any) => r.name)).toEqual([
      'production-cluster-aws-load-balancer-controller',
      'production-cluster-ebs-csi-driver',
      'production-cluster-efs-csi-driver',
      'production-cluster-cluster-autoscaler',
    ]);
    expect(resource('aws_iam_role_policy_attachment').workload_ebs_csi_driver_AmazonEBSCSIDriverPolicy.policy_arn).toBe(
      'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
    );
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

  it('scales only Auto Scaling groups tagged as owned by this cluster', () => {
    const { data } = renderRoles(['cluster-autoscaler']);
    const scale = data('aws_iam_policy_document').workload_cluster_autoscaler.statement.find((s: any) => s.sid === 'ScaleOwnGroups');
    expect(scale.condition).toEqual([{ test: 'StringEquals', variable: 'aws:ResourceTag/k8s.io/cluster-autoscaler/production-cluster', values: ['owned'] }]);
  });

  it('fails for a workload granted access that the cluster does not declare', () => {
    const { problems } = render((stack) => {
      const cluster = stack.resource('aws_eks_cluster', 'main', { name: 'production-cluster' });
      const oidcProvider = stack.resource('aws_iam_openid_connect_provider', 'eks', { url: cluster.attr('identity[0].oidc[0].issuer') });
      const access = new WorkloadAccess(['loki']);
      grantControllers(access, ['cluster-autoscaler'], cluster.arn, 'production-cluster');
      expect(() => workloadRoles(stack, { oidcProvider, access, roleName: (w) => w, subjects: () => ['x'] })).toThrow(
        'IAM workloads cluster-autoscaler are granted access but no component or app of the cluster declares them',
      );
    });
    expect(problems).toEqual([]);
  });

  it('fails for a workload with permissions but no service account', () => {
    expect(() => renderRoles(['ebs-csi-driver'], () => [])).toThrow('workload "ebs-csi-driver" is granted AWS access but no service account runs it');
  });
});
