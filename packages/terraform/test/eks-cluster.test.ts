import { describe, expect, it } from 'vitest';
import { eksAddons, eksCluster } from '../src/eks-cluster.js';
import { network, render } from './helpers.js';

const seed003 = (overrides = {}) =>
  render((stack) => {
    const net = network(stack);
    const cluster = eksCluster(stack, {
      name: 'production-cluster',
      kubernetesVersion: '1.33',
      roleName: 'production-cluster-eks-cluster',
      vpcId: net.vpc.id,
      vpcCidr: '10.1.0.0/16',
      subnetIds: net.privateSubnets.map((s) => s.subnet.id),
      adminCidrs: ['203.0.113.0/24'],
      logGroupName: '/aws/eks/production-cluster/cluster',
      endpointPrivateAccess: true,
      endpointPublicAccess: false,
      logTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
      logRetentionDays: 7,
      ...overrides,
    });
    eksAddons(stack, {
      clusterName: cluster.name,
      addons: [{ name: 'vpc-cni' }, { name: 'coredns' }, { name: 'aws-ebs-csi-driver', version: 'v1.42.0-eksbuild.1' }],
      after: [cluster.oidcProvider],
    });
    return cluster;
  });

describe('eksCluster', () => {
  it('renders seed 003: EKS 1.33, private endpoint only, all five log types kept 7 days', () => {
    const { resource, problems } = seed003();
    const cluster = resource('aws_eks_cluster').main;
    expect(cluster).toMatchObject({
      name: 'production-cluster',
      version: '1.33',
      vpc_config: { endpoint_private_access: true, endpoint_public_access: false },
      access_config: { authentication_mode: 'API' },
      enabled_cluster_log_types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
      encryption_config: { resources: ['secrets'], provider: { key_arn: '${aws_kms_key.eks_secrets.arn}' } },
    });
    expect(cluster.vpc_config.public_access_cidrs).toBeUndefined();
    expect(cluster.depends_on).toContain('aws_cloudwatch_log_group.eks_cluster');
    expect(resource('aws_cloudwatch_log_group').eks_cluster).toEqual({ name: '/aws/eks/production-cluster/cluster', retention_in_days: 7 });
    expect(problems).toEqual([]);
  });

  it('opens the API on 443 to the VPC CIDR through its own security group', () => {
    const { resource } = seed003();
    expect(resource('aws_vpc_security_group_ingress_rule').eks_api_https_vpc).toMatchObject({ ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '10.1.0.0/16' });
  });

  it('limits a public endpoint to the admin ranges', () => {
    const { resource } = seed003({ endpointPublicAccess: true });
    expect(resource('aws_eks_cluster').main.vpc_config.public_access_cidrs).toEqual(['203.0.113.0/24']);
  });

  it('pins the EBS CSI add-on version and makes Deployment add-ons wait while node agents do not', () => {
    const { resource } = seed003();
    expect(resource('aws_eks_addon').aws_ebs_csi_driver).toMatchObject({ addon_name: 'aws-ebs-csi-driver', addon_version: 'v1.42.0-eksbuild.1' });
    expect(resource('aws_eks_addon').coredns.depends_on).toEqual(['aws_iam_openid_connect_provider.eks']);
    expect(resource('aws_eks_addon').vpc_cni.depends_on).toBeUndefined();
    expect(resource('aws_eks_addon').vpc_cni.addon_version).toBeUndefined();
  });

  it('declares the OIDC provider of the cluster issuer for IRSA', () => {
    const { resource } = seed003();
    expect(resource('aws_iam_openid_connect_provider').eks).toEqual({ url: '${aws_eks_cluster.main.identity[0].oidc[0].issuer}', client_id_list: ['sts.amazonaws.com'] });
  });
});
