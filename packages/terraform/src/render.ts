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
import { kubernetesOnEks } from './kubernetes-provider.js';
import { kubernetesStorageClass } from './kubernetes-storage-class.js';
import { awsNetwork, type AwsNetwork } from './aws-network.js';
import { azureNetwork } from './azure-network.js';
import { azureStorageAccount } from './azure-storage-account.js';
import { efsFileSystem } from './efs-file-system.js';
import { eksAddons, eksCluster, type EksCluster } from './eks-cluster.js';
import { eksNodeGroup } from './eks-node-group.js';
import { iamRole, managedPolicyArn } from './iam.js';
import { karpenter } from './karpenter.js';
import { kubeadmCluster, kubeadmSecurityGroups } from './kubeadm-cluster.js';
import { logGroup } from './log-group.js';
import { configureProviders } from './providers.js';
import { inClusterDatabaseCredentials } from './database-credentials.js';
import { rdsPostgres } from './rds-postgres.js';
import { rke2Cluster, rke2NodeGroup } from './rke2-cluster.js';
import { NodeWorkloadGrants } from './node-workload-grants.js';
import { runsWorkloads, type PoolInstances } from './ec2-nodes.js';
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
  const written = context.storageClasses.find((c) => c.createdByTerraform);
  if (written && spec.distribution !== 'eks') {
    throw new Error(`cluster ${spec.name}: StorageClass "${written.name}" (${written.providedBy}) is to be created by Terraform, which reaches the Kubernetes API of EKS clusters only (distribution ${spec.distribution})`);
  }
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
  const workloads = context.awsWorkloads.map((w) => w.name);
  const access = new WorkloadAccess(workloads);
  const account = spec.provider.accountId;
  if (account === undefined) throw new Error(`cluster ${spec.name}: provider.accountId is needed to fill the controllers' IAM policies`);
  grantControllers(access, workloads, { partition: 'aws', region: spec.provider.region, account, cluster: spec.name });
  const key = !eks || spec.cloud.vpn ? adminKey(stack, spec) : undefined;
  if (eks) renderEks(stack, spec, context, network, access, key, options.argocd);
  else renderEc2Cluster(stack, spec, network, access, key!, options);
}

/** The EKS add-ons asked for, plus the EBS CSI driver when the platform runs it (the catalogue delivers it as this add-on) and the Pod Identity agent when a workload uses Pod Identity. */
function managedAddons(spec: ClusterSpec, context: ClusterContext): readonly { readonly name: EksAddonName; readonly version?: string }[] {
  const asked = spec.cloud.eks?.addons ?? CLOUD_DEFAULTS.eks.addons;
  const implied: EksAddonName[] = [
    ...(spec.platform.some((p) => p.name === 'ebs-csi-driver') ? (['aws-ebs-csi-driver'] as const) : []),
    // EKS user guide, pod-id-agent-setup: the agent hands out Pod Identity credentials; the node role's AmazonEKSWorkerNodePolicy lets it.
    ...(context.awsWorkloads.some((w) => w.identity === 'pod-identity') ? (['eks-pod-identity-agent'] as const) : []),
  ];
  return [...asked, ...implied.filter((name) => !asked.some((a) => a.name === name)).map((name) => ({ name }))];
}

function renderEks(
  stack: Stack,
  spec: ClusterSpec,
  context: ClusterContext,
  network: AwsNetwork,
  access: WorkloadAccess,
  key: Ref<'aws_key_pair'> | undefined,
  argocd: ArgoCdBootstrap | undefined,
): void {
  const { cluster, nodeGroups } = eksClusterAndNodes(stack, spec, network, access);
  const fileSystems = renderAwsData(stack, spec, network, cluster.clusterSecurityGroupId, access, key);
  const roles = workloadRoles(stack, {
    cluster,
    access,
    roleName: (w) => awsRoleName(spec, w),
    subjects: (w) => awsWorkloadSubjects(context, w),
    podIdentity: (w) => {
      const workload = context.awsWorkload(w);
      return workload?.identity === 'pod-identity' ? workload.serviceAccounts : undefined;
    },
  });
  const grants = [...roles.values()].flatMap((r) => r.grants);
  const addons = eksAddons(stack, {
    clusterName: cluster.name,
    addons: managedAddons(spec, context),
    after: [...nodeGroups, ...grants],
    serviceAccountRoles: { 'aws-ebs-csi-driver': roles.get('ebs-csi-driver')?.role.arn },
  });
  const written = context.storageClasses.filter((c) => c.createdByTerraform);
  if (written.length > 0) kubernetesOnEks(stack, cluster.cluster, spec.provider.region);
  for (const storageClass of written) {
    const name = storageClass.createdByTerraform!.fileSystem;
    const fileSystem = fileSystems.get(name);
    if (!fileSystem) throw new Error(`cluster ${spec.name}: StorageClass "${storageClass.name}" (${storageClass.providedBy}) is on file system "${name}", which cloud.fileSystems does not declare`);
    kubernetesStorageClass(stack, { storageClass, parameters: { fileSystemId: fileSystem.id } });
  }
  if (argocd) {
    helmOnEks(stack, cluster.cluster, spec.provider.region);
    argocdHelmRelease(stack, { argocd, after: [...nodeGroups, ...addons] });
  }
}

/** The EKS control plane, its managed node groups and Karpenter, whose controller policy goes to `access`. */
function eksClusterAndNodes(stack: Stack, spec: ClusterSpec, network: AwsNetwork, access: WorkloadAccess): { cluster: EksCluster; nodeGroups: readonly Declared[] } {
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
  const karpenterOptions = spec.platform.find((p) => p.name === 'karpenter');
  if (karpenterOptions) {
    const k = karpenter(stack, {
      clusterName: cluster.name,
      clusterNameText: spec.name,
      accountId: spec.provider.accountId!,
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
  return { cluster, nodeGroups };
}

/**
 * RKE2 or kubeadm on EC2. Their pods have no identity of their own, so the workloads' permissions
 * go to the node roles (NodeWorkloadGrants); the nodes' security groups come first, so that the
 * data services admitting them, and with them every grant, exist before the nodes are declared.
 */
function renderEc2Cluster(stack: Stack, spec: ClusterSpec, network: AwsNetwork, access: WorkloadAccess, key: Ref<'aws_key_pair'>, options: RenderTerraformOptions): void {
  const controlPlane = spec.nodePools.find((p) => p.role === 'control-plane');
  if (!controlPlane) throw new Error(`cluster ${spec.name}: ${spec.distribution} needs a node pool with role "control-plane"`);
  const workers: NodePoolSpec[] = spec.nodePools.filter((p) => p.role !== 'control-plane');
  const groups = { name: spec.name, vpcId: network.vpc.id, adminCidrs: spec.network.adminCidrs };
  const grantsFor = (clients: SecurityGroupRef): NodeWorkloadGrants => {
    renderAwsData(stack, spec, network, clients, access, key);
    return new NodeWorkloadGrants(stack, { clusterName: spec.name, access });
  };
  const common = { name: spec.name, region: spec.provider.region, network, keyName: key, argocd: options.argocd };
  if (spec.distribution === 'rke2') {
    const nodes = rke2NodeGroup(stack, groups);
    const rke2 = rke2Cluster(stack, {
      ...common,
      nodes,
      workloads: grantsFor(nodes.id),
      servers: controlPlane,
      agents: workers,
      version: rke2Release(spec.kubernetesVersion, spec.cloud.rke2?.version),
      cni: spec.cloud.rke2?.cni ?? CLOUD_DEFAULTS.rke2.cni,
      clusterCidr: spec.network.podCidr,
      serviceCidr: spec.network.serviceCidr,
      // The platform's ingress-nginx takes RKE2's packaged one's place (seed 001: "Ingress: Disabled (using custom)").
      disable: options.rke2Replaced ?? [],
    });
    renderIngress(stack, spec, network, ingressNodes(rke2.members, () => true), nodes);
    bootstrapNodeOutput(stack, rke2.servers[0]!);
    return;
  }
  if (spec.network.podCidr === undefined) throw new Error(`cluster ${spec.name}: kubeadm needs network.podCidr for kubeadm's podSubnet and Flannel's network`);
  const kubeadmGroups = kubeadmSecurityGroups(stack, groups);
  const kubeadm = kubeadmCluster(stack, {
    ...common,
    groups: kubeadmGroups,
    workloads: grantsFor(kubeadmGroups.workers.id),
    controlPlane,
    workers,
    kubernetesVersion: kubernetesPatchRelease(spec.kubernetesVersion),
    podCidr: spec.network.podCidr,
    serviceCidr: spec.network.serviceCidr,
  });
  // kubeadm taints its control plane, so ingress-nginx's DaemonSet runs on the workers only.
  renderIngress(stack, spec, network, ingressNodes(kubeadm.members, (pool) => pool.role !== 'control-plane'), kubeadmGroups.workers);
  bootstrapNodeOutput(stack, kubeadm.controlPlane[0]!);
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
  return members.filter((m) => schedulable(m.pool) && runsWorkloads(m.pool)).flatMap((m) => m.instances);
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

/** Buckets, databases, file systems, caches, log groups and the VPN, granting access to workloads; returns the file systems by name. */
function renderAwsData(
  stack: Stack,
  spec: ClusterSpec,
  network: AwsNetwork,
  clientSecurityGroupId: SecurityGroupRef,
  access: WorkloadAccess,
  key: Ref<'aws_key_pair'> | undefined,
): ReadonlyMap<string, Resource<'aws_efs_file_system'>> {
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
  const fileSystems = new Map((cloud.fileSystems ?? []).map((fs) => [fs.name, efsFileSystem(stack, { ...fs, clusterName: spec.name, vpcId: network.vpc.id, subnetIds: privateSubnetIds, clientSecurityGroupId })]));
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
  return fileSystems;
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
