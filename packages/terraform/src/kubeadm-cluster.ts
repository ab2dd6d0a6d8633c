import type { NodePoolSpec } from '@wavesmith/model';
import { fn, interpolate, type Ref } from './expression.js';
import type { ArgoCdBootstrap } from './argocd-bootstrap.js';
import type { AwsNetwork } from './aws-network.js';
import { ec2Nodes, firstNodeAddress, type PoolInstances } from './ec2-nodes.js';
import { instanceProfile } from './instance-profile.js';
import { FLANNEL_VXLAN_PORT, kubeadmUserData } from './kubeadm-user-data.js';
import { NodeSecrets } from './node-secrets.js';
import type { NodeWorkloadGrants } from './node-workload-grants.js';
import { SecurityGroup, type IngressRule } from './security-group.js';
import type { Resource, Stack } from './stack.js';

export interface KubeadmSecurityGroupsProps {
  /** Prefix of the groups' names (the cluster name). */
  readonly name: string;
  readonly vpcId: Ref<'aws_vpc'>;
  readonly adminCidrs: readonly string[];
}

export interface KubeadmSecurityGroups {
  readonly controlPlane: SecurityGroup;
  readonly workers: SecurityGroup;
}

/**
 * The port matrix of a kubeadm cluster with Flannel: SSH from admins; API server, kubelet and
 * etcd on the control plane from workers; kubelet and NodePorts on workers from all nodes;
 * Flannel's VXLAN (4789/udp) between all nodes. The groups exist before the nodes, so that the
 * data services admitting the workers are declared first.
 */
export function kubeadmSecurityGroups(stack: Stack, props: KubeadmSecurityGroupsProps): KubeadmSecurityGroups {
  const { vpcId } = props;
  const ssh: IngressRule = { name: 'ssh', description: 'SSH from admins', fromPort: 22, source: { cidrs: props.adminCidrs } };
  const controlPlaneGroup = new SecurityGroup(stack, 'control_plane', { name: `${props.name}-control-plane`, description: `${props.name} kubeadm control plane`, vpcId, ingress: [ssh] });
  const workerGroup = new SecurityGroup(stack, 'workers', { name: `${props.name}-workers`, description: `${props.name} kubeadm workers`, vpcId, ingress: [ssh] });
  const workers = { securityGroup: workerGroup.id };
  const controlPlane = { securityGroup: controlPlaneGroup.id };
  const vxlan = { protocol: 'udp', fromPort: FLANNEL_VXLAN_PORT } as const;

  controlPlaneGroup.allow({ name: 'kube_api', description: 'Kubernetes API from workers', fromPort: 6443, source: workers });
  controlPlaneGroup.allow({ name: 'kubelet', description: 'kubelet API from workers', fromPort: 10250, source: workers });
  controlPlaneGroup.allow({ name: 'etcd', description: 'etcd from workers', fromPort: 2379, toPort: 2380, source: workers });
  controlPlaneGroup.allow({ name: 'vxlan_workers', description: 'Flannel VXLAN from workers', ...vxlan, source: workers });
  workerGroup.allow({ name: 'kubelet_control_plane', description: 'kubelet API from the control plane', fromPort: 10250, source: controlPlane });
  workerGroup.allow({ name: 'kubelet_workers', description: 'kubelet API from workers', fromPort: 10250, source: { securityGroup: 'self' } });
  workerGroup.allow({ name: 'nodeports_control_plane', description: 'NodePort Services from the control plane', fromPort: 30000, toPort: 32767, source: controlPlane });
  workerGroup.allow({ name: 'nodeports_workers', description: 'NodePort Services from workers', fromPort: 30000, toPort: 32767, source: { securityGroup: 'self' } });
  workerGroup.allow({ name: 'vxlan_control_plane', description: 'Flannel VXLAN from the control plane', ...vxlan, source: controlPlane });
  workerGroup.allow({ name: 'vxlan_workers', description: 'Flannel VXLAN from workers', ...vxlan, source: { securityGroup: 'self' } });
  return { controlPlane: controlPlaneGroup, workers: workerGroup };
}

export interface KubeadmClusterProps {
  readonly name: string;
  readonly region: string;
  readonly network: AwsNetwork;
  /** The nodes' security groups (kubeadmSecurityGroups). */
  readonly groups: KubeadmSecurityGroups;
  readonly keyName: Ref<'aws_key_pair'>;
  readonly controlPlane: NodePoolSpec;
  readonly workers: readonly NodePoolSpec[];
  /** Kubernetes patch release (`1.31.14`). */
  readonly kubernetesVersion: string;
  readonly podCidr: string;
  /** @default kubeadm's 10.96.0.0/12 */
  readonly serviceCidr?: string;
  /** Installed by the control plane. @default none */
  readonly argocd?: ArgoCdBootstrap;
  /** The workloads' permissions, for the workers' role: kubeadm taints the control plane, so no workload pod runs there. @default none */
  readonly workloads?: NodeWorkloadGrants;
}

export interface KubeadmCluster {
  readonly controlPlane: readonly Resource<'aws_instance'>[];
  readonly workers: readonly Resource<'aws_instance'>[];
  /** Instances by pool, the control plane first. */
  readonly members: readonly PoolInstances[];
}

/** A kubeadm bootstrap token is `[a-z0-9]{6}.[a-z0-9]{16}` (kubeadm bootstraptoken/v1): two random lowercase-and-digit strings. */
const TOKEN_PART = { special: false, upper: false, lower: true, numeric: true } as const;

/**
 * A kubeadm control plane and workers on EC2, in the security groups of kubeadmSecurityGroups.
 *
 * Terraform generates the cluster CA (tls provider) and the bootstrap token; the control plane
 * reads the CA and the token from SSM, workers only a discovery kubeconfig (CA certificate,
 * API address and token), so no worker can read the CA key.
 */
export function kubeadmCluster(stack: Stack, props: KubeadmClusterProps): KubeadmCluster {
  const address = firstNodeAddress(props.network, props.controlPlane);
  const secrets = new NodeSecrets(stack, { clusterName: props.name });
  const caKey = stack.resource('tls_private_key', 'kubeadm_ca', { algorithm: 'RSA', rsa_bits: 2048 });
  const caCert = stack.resource('tls_self_signed_cert', 'kubeadm_ca', {
    private_key_pem: caKey.attr('private_key_pem'),
    subject: { common_name: 'kubernetes' },
    is_ca_certificate: true,
    // kubeadm's own CA lives 10 years (kubeadm certs: CA validity).
    validity_period_hours: 87600,
    allowed_uses: ['cert_signing', 'key_encipherment', 'digital_signature'],
  });
  const tokenId = stack.resource('random_password', 'kubeadm_token_id', { length: 6, ...TOKEN_PART });
  const tokenSecret = stack.resource('random_password', 'kubeadm_token_secret', { length: 16, ...TOKEN_PART });
  const token = interpolate`${tokenId.attr('result')}.${tokenSecret.attr('result')}`;
  const caCertParameter = secrets.plain('kubeadm/ca-cert', caCert.attr('cert_pem'), 'kubeadm cluster CA certificate');
  const caKeyParameter = secrets.secret('kubeadm/ca-key', caKey.attr('private_key_pem'), 'kubeadm cluster CA key: control plane only');
  const tokenParameter = secrets.secret('kubeadm/join-token', token, 'kubeadm bootstrap token');
  // kubeadm discovery.file: a kubeconfig with the cluster's CA and the token as credentials.
  const discoveryParameter = secrets.secret(
    'kubeadm/discovery-kubeconfig',
    fn.jsonencode({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'kubernetes', cluster: { server: `https://${address}:6443`, 'certificate-authority-data': fn.base64encode(caCert.attr('cert_pem')) } }],
      users: [{ name: 'tls-bootstrap-token-user', user: { token } }],
      contexts: [{ name: 'tls-bootstrap', context: { cluster: 'kubernetes', user: 'tls-bootstrap-token-user' } }],
      'current-context': 'tls-bootstrap',
    }),
    'kubeadm discovery kubeconfig for workers: CA certificate, API address and bootstrap token',
  );
  const controlPlaneProfile = instanceProfile(stack, 'kubeadm_control_plane', {
    name: `${props.name}-kubeadm-control-plane`,
    statements: secrets.readStatements('ClusterCa', [caCertParameter, caKeyParameter, tokenParameter]),
  });
  const workerProfile = instanceProfile(stack, 'kubeadm_worker', {
    name: `${props.name}-kubeadm-worker`,
    statements: secrets.readStatements('Discovery', [discoveryParameter]),
    workloads: props.workloads?.forPools(props.workers),
  });

  const common = { name: props.name, network: props.network, keyName: props.keyName };
  const node = { kubernetesVersion: props.kubernetesVersion, region: props.region, controlPlaneAddress: address, podCidr: props.podCidr, serviceCidr: props.serviceCidr };
  const controlPlaneNodes = ec2Nodes(stack, {
    ...common,
    pool: props.controlPlane,
    securityGroupIds: [props.groups.controlPlane.id],
    role: 'control-plane',
    instanceProfile: controlPlaneProfile,
    fixedFirstAddress: true,
    userData: () =>
      kubeadmUserData({
        ...node,
        role: 'control-plane',
        pool: props.controlPlane,
        parameters: { caCert: caCertParameter.name, caKey: caKeyParameter.name, joinToken: tokenParameter.name },
        argocd: props.argocd,
      }),
  });
  const workerPools = props.workers.map((pool) => ({
    pool,
    instances: ec2Nodes(stack, {
      ...common,
      pool,
      securityGroupIds: [props.groups.workers.id],
      role: 'worker',
      instanceProfile: workerProfile,
      workloads: props.workloads,
      userData: () => kubeadmUserData({ ...node, role: 'worker', pool, parameters: { discovery: discoveryParameter.name } }),
    }),
  }));
  return {
    controlPlane: controlPlaneNodes,
    workers: workerPools.flatMap((p) => p.instances),
    members: [{ pool: props.controlPlane, instances: controlPlaneNodes }, ...workerPools],
  };
}
