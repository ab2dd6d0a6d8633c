import {
  FILES_STORAGE_PURPOSE,
  awsRoleName,
  awsWorkloadSubjects,
  azureResourceGroupName,
  bucketName,
  CLOUD_DEFAULTS,
  databaseSecretName,
  discoveryTag,
  eksClusterLogGroupName,
  karpenterInterruptionQueueName,
  karpenterNodeRoleName,
  kubernetesPatchRelease,
  rke2Release,
  storageAccountName,
  type ClusterContext,
  type ClusterSpec,
  type EksAddonName,
  type NodePoolSpec,
} from '@wavesmith/model';
import { aksCluster } from './aks-cluster.js';
import { albIngress } from './alb-ingress.js';
import { applicationGateway } from './application-gateway.js';
import { applicationGatewayIngress } from './application-gateway-ingress.js';
import type { ArgoCdBootstrap } from './argocd-bootstrap.js';
import { argocdHelmRelease } from './argocd-helm-release.js';
import { blobCsiAccess } from './blob-csi-access.js';
import { helmOnAks, helmOnEks } from './helm-provider.js';
import { awsNetwork, type AwsNetwork } from './aws-network.js';
import { azureNetwork } from './azure-network.js';
import { azureStorageAccount } from './azure-storage-account.js';
import { efsFileSystem } from './efs-file-system.js';
import { eksAddons, eksCluster, type EksCluster } from './eks-cluster.js';
import { eksNodeGroup } from './eks-node-group.js';
import { iamRole, managedPolicyArn } from './iam.js';
import { karpenter } from './karpenter.js';
import { kubeadmCluster } from './kubeadm-cluster.js';
import { logGroup } from './log-group.js';
import { configureProviders } from './providers.js';
import { inClusterDatabaseCredentials } from './database-credentials.js';
import { rdsPostgres } from './rds-postgres.js';
import { rke2Cluster } from './rke2-cluster.js';
import type { PoolInstances } from './ec2-nodes.js';
import { s3Bucket } from './s3-bucket.js';
import type { SecurityGroup, SecurityGroupRef } from './security-group.js';
import { Stack, type Declared, type Resource } from './stack.js';
import { valkeyCache } from './valkey-cache.js';
import { vpnInstance } from './vpn-instance.js';
import { grantControllers, WorkloadAccess, workloadRoles } from './workload-roles.js';
import type { Ref } from './expression.js';

/** What the cluster's Terraform bootstraps besides the infrastructure. */
export interface RenderTerraformOptions {
  /** Argo CD and the root Application, installed by the infrastructure. @default no Argo CD bootstrap */
  readonly argocd?: ArgoCdBootstrap;
  /** RKE2 packaged charts a platform component takes the place of, turned off in RKE2's config (`rke2-ingress-nginx`). @default none */
  readonly rke2Replaced?: readonly string[];
}

/**
 * The whole main.tf.json of a cluster: state backend, provider, network, cluster, node bootstrap,
 * data services and Argo CD. `context` says which IAM workloads the cluster's components and apps run.
 */
export function renderTerraform(spec: ClusterSpec, context: ClusterContext, options: RenderTerraformOptions = {}): Record<string, unknown> {
  const stack = new Stack();
  configureProviders(stack, spec);
  if (spec.provider.cloud === 'azure') renderAzure(stack, spec, options);
  else renderAws(stack, spec, context, options);
  return stack.toJSON();
}

function renderAws(stack: Stack, spec: ClusterSpec, context: ClusterContext, options: RenderTerraformOptions): void {
  const eks = spec.distribution === 'eks';
  const tag = discoveryTag(spec);
  const network = awsNetwork(stack, {
    name: spec.name,
    region: spec.provider.region,
    cidr: spec.network.cidr,
    subnets: spec.network.subnets,
    natGateways: spec.network.natGateways,
    privateSubnetTags: eks ? { [tag.key]: tag.value } : undefined,
  });
  stack.output('vpc_id', { value: network.vpc.id, description: 'VPC of the cluster' });
  const access = new WorkloadAccess(context.awsWorkloads.map((w) => w.name));
  const key = !eks || spec.cloud.vpn ? adminKey(stack, spec) : undefined;
  const clients = eks ? renderEks(stack, spec, network, access) : renderEc2Cluster(stack, spec, network, key!, options);
  renderAwsData(stack, spec, network, clients.securityGroupId, access, key);
  if (clients.eks) {
    const roles = workloadRoles(stack, {
      oidcProvider: clients.eks.oidcProvider,
      access,
      roleName: (w) => awsRoleName(spec, w),
      subjects: (w) => awsWorkloadSubjects(context, w),
    });
    const grants = [...roles.values()].flatMap((r) => r.grants);
    const addons = eksAddons(stack, {
      clusterName: clients.eks.name,
      addons: managedAddons(spec),
      after: [...clients.nodeGroups, ...grants],
      serviceAccountRoles: { 'aws-ebs-csi-driver': roles.get('ebs-csi-driver')?.role.arn },
    });
    if (options.argocd) {
      helmOnEks(stack, clients.eks.cluster, spec.provider.region);
      argocdHelmRelease(stack, { argocd: options.argocd, after: [...clients.nodeGroups, ...addons] });
    }
  }
}

/** The EKS add-ons asked for, plus the EBS CSI driver when the platform runs it: the catalogue delivers it as this add-on. */
function managedAddons(spec: ClusterSpec): readonly { readonly name: EksAddonName; readonly version?: string }[] {
  const addons = spec.cloud.eks?.addons ?? CLOUD_DEFAULTS.eks.addons;
  const wantsEbs = spec.platform.some((p) => p.name === 'ebs-csi-driver');
  return wantsEbs && !addons.some((a) => a.name === 'aws-ebs-csi-driver') ? [...addons, { name: 'aws-ebs-csi-driver' }] : addons;
}

interface ClusterClients {
  /** The security group data services admit clients from. */
  readonly securityGroupId: SecurityGroupRef;
  readonly eks?: EksCluster;
  readonly nodeGroups: readonly Declared[];
}

function renderEks(stack: Stack, spec: ClusterSpec, network: AwsNetwork, access: WorkloadAccess): ClusterClients {
  const privateSubnetIds = network.privateSubnets.map((s) => s.subnet.id);
  const cluster = eksCluster(stack, {
    ...spec.cloud.eks,
    name: spec.name,
    kubernetesVersion: spec.kubernetesVersion,
    roleName: `${spec.name}-eks-cluster`,
    vpcId: network.vpc.id,
    vpcCidr: spec.network.cidr,
    subnetIds: privateSubnetIds,
    adminCidrs: spec.network.adminCidrs,
    logGroupName: eksClusterLogGroupName(spec),
    serviceCidr: spec.network.serviceCidr,
  });
  const nodeRole = iamRole(stack, 'eks_node', {
    roleName: `${spec.name}-eks-node`,
    trustedBy: 'ec2.amazonaws.com',
    managedPolicies: ['AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonEC2ContainerRegistryReadOnly', 'AmazonSSMManagedInstanceCore'].map(managedPolicyArn),
  });
  const nodeGroups = spec.nodePools.map((pool) =>
    eksNodeGroup(stack, { clusterName: cluster.name, nodeRoleArn: nodeRole.role.arn, subnetIds: privateSubnetIds, pool, after: nodeRole.grants }),
  );
  const platform = spec.platform.map((p) => p.name);
  const account = spec.provider.accountId;
  if (account === undefined) throw new Error(`cluster ${spec.name}: provider.accountId is needed to fill the controllers' IAM policies`);
  grantControllers(access, platform, { partition: 'aws', region: spec.provider.region, account, cluster: spec.name });
  const karpenterOptions = spec.platform.find((p) => p.name === 'karpenter');
  if (karpenterOptions) {
    const k = karpenter(stack, {
      clusterName: cluster.name,
      clusterNameText: spec.name,
      accountId: account,
      nodeRoleName: karpenterNodeRoleName(spec),
      queueName: karpenterInterruptionQueueName(spec),
      region: spec.provider.region,
      spot: (karpenterOptions.nodePools as readonly { readonly capacityTypes: readonly string[] }[]).some((pool) => pool.capacityTypes.includes('spot')),
    });
    access.attach('karpenter', k.controllerPolicy);
    // Karpenter finds the security group of its nodes by the same discovery tag as the subnets.
    const tag = discoveryTag(spec);
    stack.resource('aws_ec2_tag', 'cluster_security_group_discovery', { resource_id: cluster.clusterSecurityGroupId, key: tag.key, value: tag.value });
  }
  stack.output('cluster_name', { value: cluster.name, description: 'EKS cluster name' });
  stack.output('cluster_endpoint', { value: cluster.cluster.attr('endpoint'), description: 'Kubernetes API endpoint' });
  return { securityGroupId: cluster.clusterSecurityGroupId, eks: cluster, nodeGroups };
}

function renderEc2Cluster(stack: Stack, spec: ClusterSpec, network: AwsNetwork, key: Ref<'aws_key_pair'>, options: RenderTerraformOptions): ClusterClients {
  const controlPlane = spec.nodePools.find((p) => p.role === 'control-plane');
  if (!controlPlane) throw new Error(`cluster ${spec.name}: ${spec.distribution} needs a node pool with role "control-plane"`);
  const workers: NodePoolSpec[] = spec.nodePools.filter((p) => p.role !== 'control-plane');
  const common = { name: spec.name, region: spec.provider.region, network, adminCidrs: spec.network.adminCidrs, keyName: key, argocd: options.argocd };
  if (spec.distribution === 'rke2') {
    const rke2 = rke2Cluster(stack, {
      ...common,
      servers: controlPlane,
      agents: workers,
      version: rke2Release(spec.kubernetesVersion, spec.cloud.rke2?.version),
      cni: spec.cloud.rke2?.cni ?? CLOUD_DEFAULTS.rke2.cni,
      clusterCidr: spec.network.podCidr,
      serviceCidr: spec.network.serviceCidr,
      // The platform's ingress-nginx takes RKE2's packaged one's place (seed 001: "Ingress: Disabled (using custom)").
      disable: options.rke2Replaced ?? [],
    });
    renderIngress(stack, spec, network, ingressNodes(rke2.members, () => true), rke2.nodes);
    bootstrapNodeOutput(stack, rke2.servers[0]!);
    return { securityGroupId: rke2.nodes.id, nodeGroups: [] };
  }
  if (spec.network.podCidr === undefined) throw new Error(`cluster ${spec.name}: kubeadm needs network.podCidr for kubeadm's podSubnet and Flannel's network`);
  const kubeadm = kubeadmCluster(stack, {
    ...common,
    controlPlane,
    workers,
    kubernetesVersion: kubernetesPatchRelease(spec.kubernetesVersion),
    podCidr: spec.network.podCidr,
    serviceCidr: spec.network.serviceCidr,
  });
  // kubeadm taints its control plane, so ingress-nginx's DaemonSet runs on the workers only.
  renderIngress(stack, spec, network, ingressNodes(kubeadm.members, (pool) => pool.role !== 'control-plane'), kubeadm.workerGroup);
  bootstrapNodeOutput(stack, kubeadm.controlPlane[0]!);
  return { securityGroupId: kubeadm.workerGroup.id, nodeGroups: [] };
}

/** The node that starts the cluster and installs Argo CD: where an admin opens a Session Manager shell to watch it. */
function bootstrapNodeOutput(stack: Stack, node: Resource<'aws_instance'>): void {
  stack.output('bootstrap_instance_id', { value: node.id, description: 'First control plane node (cluster start, Argo CD): aws ssm start-session --target <id>' });
}

/**
 * Instances the load balancer sends traffic to: those where ingress-nginx's DaemonSet answers on
 * the host ports, that is nodes of pools it may schedule on (no NoSchedule or NoExecute taint).
 */
function ingressNodes(members: readonly PoolInstances[], schedulable: (pool: NodePoolSpec) => boolean): Resource<'aws_instance'>[] {
  const repels = (pool: NodePoolSpec) => (pool.taints ?? []).some((t) => t.effect !== 'PreferNoSchedule');
  return members.filter((m) => schedulable(m.pool) && !repels(m.pool)).flatMap((m) => m.instances);
}

/** The SSH key of the cluster's instances: the public half is an input, so no private key lands in state. */
function adminKey(stack: Stack, spec: ClusterSpec): Ref<'aws_key_pair'> {
  const publicKey = stack.variable('ssh_public_key', { type: 'string', description: 'OpenSSH public key installed on every instance for admin access' });
  return stack.resource('aws_key_pair', 'admin', { key_name: `${spec.name}-admin`, public_key: publicKey.ref }).attr('key_name');
}

function renderIngress(
  stack: Stack,
  spec: ClusterSpec,
  network: AwsNetwork,
  targets: readonly Resource<'aws_instance'>[],
  targetGroup: SecurityGroup,
): void {
  const { loadBalancer, dns } = spec.cloud;
  if (!loadBalancer) return;
  if (!dns) throw new Error(`cluster ${spec.name}: cloud.loadBalancer needs cloud.dns for its certificate and records`);
  if (targets.length === 0) throw new Error(`cluster ${spec.name}: cloud.loadBalancer has no target: every node pool that ingress-nginx could run on is tainted`);
  const alb = albIngress(stack, {
    name: spec.name,
    vpcId: network.vpc.id,
    subnetIds: network.publicSubnets.map((s) => s.subnet.id),
    targets,
    zone: dns.zone,
    hostnames: dns.records,
    ...loadBalancer,
  });
  const fromAlb = { securityGroup: alb.securityGroup.id };
  targetGroup.allow({ name: 'http_alb', description: 'HTTP from the load balancer', fromPort: 80, source: fromAlb });
  targetGroup.allow({ name: 'https_alb', description: 'HTTPS from the load balancer', fromPort: 443, source: fromAlb });
  stack.output('load_balancer_dns_name', { value: alb.loadBalancer.attr('dns_name'), description: 'DNS name of the ingress load balancer' });
}

function renderAwsData(
  stack: Stack,
  spec: ClusterSpec,
  network: AwsNetwork,
  clientSecurityGroupId: SecurityGroupRef,
  access: WorkloadAccess,
  key: Ref<'aws_key_pair'> | undefined,
): void {
  const { cloud } = spec;
  const privateSubnetIds = network.privateSubnets.map((s) => s.subnet.id);
  for (const bucket of cloud.buckets ?? []) {
    const created = s3Bucket(stack, bucket.purpose, { bucketName: bucketName(spec, bucket.purpose) });
    for (const workload of bucket.access ?? []) access.grant(workload, created.readWrite);
  }
  for (const database of cloud.databases ?? []) {
    const secretName = databaseSecretName(spec, database.name);
    const db =
      database.instance === 'in-cluster'
        ? inClusterDatabaseCredentials(stack, { name: database.name, clusterName: spec.name, secretName })
        : rdsPostgres(stack, {
            ...database,
            clusterName: spec.name,
            secretName,
            vpcId: network.vpc.id,
            subnetIds: privateSubnetIds,
            clientSecurityGroupId,
            protect: spec.environment === 'prod',
          });
    for (const reader of database.readers ?? []) access.grant(reader, db.readSecret);
  }
  for (const fs of cloud.fileSystems ?? []) efsFileSystem(stack, { ...fs, subnetIds: privateSubnetIds, securityGroupId: clientSecurityGroupId });
  for (const cache of cloud.caches ?? []) {
    valkeyCache(stack, { ...cache, clusterName: spec.name, vpcId: network.vpc.id, subnetIds: privateSubnetIds, clientSecurityGroupId });
  }
  for (const group of cloud.logGroups ?? []) logGroup(stack, group);
  if (cloud.vpn && key) {
    const vpn = cloud.vpn;
    const subnet = network.publicSubnets.find((s) => s.spec.name === vpn.subnet);
    if (!subnet) throw new Error(`cluster ${spec.name}: cloud.vpn.subnet "${vpn.subnet}" is not a public subnet`);
    vpnInstance(stack, {
      ...vpn,
      name: spec.name,
      region: spec.provider.region,
      vpcId: network.vpc.id,
      vpcCidr: spec.network.cidr,
      subnetId: subnet.subnet.id,
      zone: subnet.spec.zone!,
      adminCidrs: spec.network.adminCidrs,
      keyName: key,
    });
  }
}

function renderAzure(stack: Stack, spec: ClusterSpec, options: RenderTerraformOptions): void {
  const location = spec.provider.region;
  const group = stack.resource('azurerm_resource_group', 'main', { name: azureResourceGroupName(spec), location });
  const resourceGroupName = group.attr('name');
  const network = azureNetwork(stack, { name: spec.name, resourceGroupName, location, cidr: spec.network.cidr, subnets: spec.network.subnets });
  const nodes = network.subnets.find((s) => s.spec.role === 'private');
  const gatewaySubnet = network.subnets.find((s) => s.spec.role === 'app-gateway');
  const aks = spec.distribution === 'aks';
  const gateway =
    spec.cloud.applicationGateway && gatewaySubnet
      ? applicationGateway(stack, {
          ...spec.cloud.applicationGateway,
          name: spec.name,
          location,
          resourceGroupName,
          subnetId: gatewaySubnet.subnet.id,
          programmedByIngressController: aks,
        })
      : undefined;
  const accounts = new Map(
    (spec.cloud.storageAccounts ?? []).map((account) => [
      account.purpose,
      azureStorageAccount(stack, account.purpose, {
        ...account,
        accountName: storageAccountName(spec, account.purpose),
        containers: account.containers.map((purpose) => bucketName(spec, purpose)),
        location,
        resourceGroupName,
      }),
    ]),
  );
  if (!aks) return;
  if (!nodes) throw new Error(`cluster ${spec.name}: AKS needs a private subnet for its nodes`);
  if (!spec.network.serviceCidr) throw new Error(`cluster ${spec.name}: AKS needs network.serviceCidr`);
  const cluster = aksCluster(stack, {
    ...spec.cloud.aks,
    name: spec.name,
    location,
    resourceGroupName,
    kubernetesVersion: spec.kubernetesVersion,
    subnetId: nodes.subnet.id,
    serviceCidr: spec.network.serviceCidr,
    adminCidrs: spec.network.adminCidrs,
    pools: spec.nodePools,
    applicationGatewayId: gateway?.id,
  });
  stack.output('cluster_name', { value: cluster.attr('name'), description: 'AKS cluster name' });
  if (gateway && gatewaySubnet) applicationGatewayIngress(stack, { cluster, gateway, gatewaySubnetId: gatewaySubnet.subnet.id, resourceGroupId: group.id });
  // The Blob CSI driver mounts the uploads containers of the files account (cloud-names FILES_STORAGE_PURPOSE).
  const files = accounts.get(FILES_STORAGE_PURPOSE);
  if (files) blobCsiAccess(stack, cluster, files);
  if (options.argocd) {
    helmOnAks(stack, cluster);
    argocdHelmRelease(stack, { argocd: options.argocd, after: [cluster] });
  }
}
