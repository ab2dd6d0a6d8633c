import { fileURLToPath } from 'node:url';
import { checkTerraform } from '@wavesmith/checks';
import { loadRegistry, type Registry } from '@wavesmith/compiler';
import { awsRoleName, bucketName, clusterContext, databaseSecretName, loadClusters, type ClusterSpec } from '@wavesmith/model';
import { renderTerraform as render, type RenderTerraformOptions } from '@wavesmith/terraform';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARGOCD } from '../../packages/terraform/test/argocd-fixture.js';
import { readUserData } from '../../packages/terraform/test/user-data.js';

type Json = Record<string, any>;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let clusters: Map<string, ClusterSpec>;
let registry: Registry;

beforeAll(async () => {
  registry = await loadRegistry(ROOT);
  clusters = new Map((await loadClusters(ROOT, registry)).map((c) => [c.spec.name, c.spec]));
});

/** The Terraform of a cluster of the fleet, with the context its components and apps give it. */
const renderTerraform = (spec: ClusterSpec, options?: RenderTerraformOptions) => render(spec, clusterContext(spec, registry), options);
const doc = (name: string): Json => renderTerraform(clusters.get(name)!) as Json;

describe("the fleet's Terraform", () => {
  it('renders every cluster in clusters/ to a document that passes checkTerraform', () => {
    expect(clusters.size).toBeGreaterThanOrEqual(8);
    for (const spec of clusters.values()) expect({ cluster: spec.name, problems: checkTerraform(renderTerraform(spec)) }).toEqual({ cluster: spec.name, problems: [] });
  });

  it('renders the same bytes twice', () => {
    const spec = clusters.get('production-cluster')!;
    expect(JSON.stringify(renderTerraform(spec))).toBe(JSON.stringify(renderTerraform(spec)));
  });

  it('keeps AWS state in S3 with a lock file and Azure state in a storage container', () => {
    expect(doc('tbyte-dev').terraform.backend).toEqual({
      s3: { bucket: 'wavesmith-tfstate-111122223333', key: 'tbyte-dev/terraform.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true },
    });
    expect(doc('rocketchat-aks').terraform.backend.azurerm).toMatchObject({ container_name: 'tfstate', key: 'rocketchat-aks.tfstate' });
    expect(doc('rocketchat-aks').terraform.required_providers).toEqual({ azurerm: { source: 'hashicorp/azurerm', version: '~> 4.0' } });
  });

  it('installs the EBS CSI driver as a managed add-on bound to its IRSA role when the platform runs it', () => {
    const rocketchat = doc('rocketchat-eks');
    const role = Object.entries(rocketchat.resource.aws_iam_role).find(([, r]) => (r as Json).name === awsRoleName(clusters.get('rocketchat-eks')!, 'ebs-csi-driver'));
    expect(role).toBeDefined();
    expect(rocketchat.resource.aws_eks_addon.aws_ebs_csi_driver.service_account_role_arn).toBe(`\${aws_iam_role.${role![0]}.arn}`);
    expect(doc('production-cluster').resource.aws_eks_addon.aws_ebs_csi_driver).toMatchObject({ addon_version: 'v1.42.0-eksbuild.1' });
    const tbyte = clusters.get('tbyte-dev')!;
    const withoutEbs = renderTerraform({ ...tbyte, platform: tbyte.platform.filter((p) => p.name !== 'ebs-csi-driver') }) as Json;
    expect(withoutEbs.resource.aws_eks_addon.aws_ebs_csi_driver).toBeUndefined();
    expect(withoutEbs.resource.aws_eks_addon.coredns.service_account_role_arn).toBeUndefined();
  });

  it('names shared resources through cloud-names, as the charts do', () => {
    const tbyte = clusters.get('tbyte-dev')!;
    const tf = doc('tbyte-dev');
    expect(tf.resource.aws_secretsmanager_secret.tbyte.name).toBe(databaseSecretName(tbyte, 'tbyte'));
    expect(tf.resource.aws_s3_bucket.loki_chunks.bucket).toBe(bucketName(tbyte, 'loki-chunks'));
    expect(tf.resource.aws_iam_role.workload_backend.name).toBe(awsRoleName(tbyte, 'backend'));
    expect(tf.resource.aws_iam_role.workload_karpenter.name).toBe(awsRoleName(tbyte, 'karpenter'));
    expect(tf.resource.aws_sqs_queue.karpenter.name).toBe('tbyte-dev-karpenter');
    const backendTrust = tf.data.aws_iam_policy_document.workload_backend_trust.statement[0].condition[1];
    expect(backendTrust).toMatchObject({ test: 'StringLike', values: ['system:serviceaccount:tbyte:*'] });
  });

  it('renders seed 002 tbyte-prod: a NAT gateway per zone, Multi-AZ encrypted RDS, Karpenter discovery tags', () => {
    const tf = doc('tbyte-prod');
    expect(Object.keys(tf.resource.aws_nat_gateway)).toEqual(['a', 'b', 'c']);
    expect(tf.resource.aws_db_instance.tbyte).toMatchObject({ multi_az: true, storage_encrypted: true, deletion_protection: true });
    expect(tf.resource.aws_subnet.private_a.tags['karpenter.sh/discovery']).toBe('tbyte-prod');
    expect(tf.resource.aws_ec2_tag.cluster_security_group_discovery).toMatchObject({ key: 'karpenter.sh/discovery', value: 'tbyte-prod' });
    expect(tf.resource.aws_eks_cluster.main.kubernetes_network_config).toEqual({ service_ipv4_cidr: '172.20.0.0/16' });
  });

  it('renders seed 001 dev and prod: 1+2 t3.medium and 3+3 t3.large RKE2 nodes behind the ALB', () => {
    const count = (name: string, role: string) => Object.values(doc(name).resource.aws_instance).filter((i: any) => i.tags.Role === role).map((i: any) => i.instance_type);
    expect(count('vet-rke2-dev', 'server')).toEqual(['t3.medium']);
    expect(count('vet-rke2-dev', 'agent')).toEqual(['t3.medium', 't3.medium']);
    expect(count('vet-rke2-prod', 'server')).toEqual(['t3.large', 't3.large', 't3.large']);
    expect(count('vet-rke2-prod', 'agent')).toEqual(['t3.large', 't3.large', 't3.large']);
    expect(Object.keys(doc('vet-rke2-dev').resource.aws_nat_gateway)).toEqual(['main']);
    expect(doc('vet-rke2-prod').resource.aws_route53_record.vet_app.name).toBe('vet-app.example.com');
  });

  it('renders seed 000 on Azure: resource group, AKS, Application Gateway and two versioned storage accounts', () => {
    const tf = doc('rocketchat-aks');
    expect(tf.resource.azurerm_resource_group.main.name).toBe('rg-rocketchat-aks');
    expect(Object.values(tf.resource.azurerm_storage_account).map((a: any) => [a.name, a.blob_properties.versioning_enabled])).toEqual([
      ['rocketchataksfiles', true],
      ['rocketchataksbackups', true],
    ]);
    expect(tf.resource.azurerm_application_gateway.main.backend_http_settings.port).toBe(3000);
  });

  it('gives the first RKE2 server the fixed registration address every other node joins through', () => {
    const nodes = doc('vet-rke2-prod').resource.aws_instance;
    expect(nodes.server_1.private_ip).toBe('10.0.10.10');
    expect(nodes.server_2.private_ip).toBeUndefined();
    const joins = (name: string) => readUserData(nodes[name].user_data).files.get('/etc/rancher/rke2/config.yaml')!;
    expect(joins('server_1')).not.toContain('server:');
    for (const name of ['server_2', 'server_3', 'agent_1']) expect(joins(name)).toContain('server: https://10.0.10.10:9345');
    expect(joins('server_1')).toContain('cni: calico');
  });

  it('lets RKE2 servers read both join tokens and agents only the agent token', () => {
    const tf = doc('vet-rke2-prod');
    const reads = (role: string) => tf.data.aws_iam_policy_document[role].statement.find((s: Json) => s.actions[0] === 'ssm:GetParameter').resources;
    expect(reads('rke2_server')).toEqual(['${aws_ssm_parameter.node_rke2_token.arn}', '${aws_ssm_parameter.node_rke2_agent_token.arn}']);
    expect(reads('rke2_agent')).toEqual(['${aws_ssm_parameter.node_rke2_agent_token.arn}']);
    expect(tf.resource.aws_instance.agent_1.iam_instance_profile).toBe('${aws_iam_instance_profile.rke2_agent.name}');
    // Session Manager, and the EBS CSI driver's upstream policy for the driver's pods on the agents (the servers take no pods).
    expect(Object.keys(tf.resource.aws_iam_role_policy_attachment).filter((k) => k.startsWith('rke2_'))).toEqual([
      'rke2_server_AmazonSSMManagedInstanceCore',
      'rke2_agent_AmazonSSMManagedInstanceCore',
      'rke2_agent_nodes_ebs_csi_driver',
    ]);
  });

  it('keeps the kubeadm CA key from the workers: they read only the discovery kubeconfig', () => {
    const tf = doc('kubeadm-lab');
    const reads = (role: string) => tf.data.aws_iam_policy_document[role].statement.find((s: Json) => s.actions[0] === 'ssm:GetParameter').resources;
    expect(reads('kubeadm_control_plane')).toEqual([
      '${aws_ssm_parameter.node_kubeadm_ca_cert.arn}',
      '${aws_ssm_parameter.node_kubeadm_ca_key.arn}',
      '${aws_ssm_parameter.node_kubeadm_join_token.arn}',
    ]);
    expect(reads('kubeadm_worker')).toEqual(['${aws_ssm_parameter.node_kubeadm_discovery_kubeconfig.arn}']);
    expect(tf.resource.aws_instance.control_plane_1.private_ip).toBe('10.0.0.10');
    expect(tf.resource.aws_ssm_parameter.node_kubeadm_discovery_kubeconfig.value).toContain('"server" = "https://10.0.0.10:6443"');
  });

  it('sends load balancer traffic to the nodes where ingress-nginx listens, not to a tainted pool', () => {
    const spec = clusters.get('vet-rke2-prod')!;
    const targets = (s: ClusterSpec) => Object.values((renderTerraform(s) as Json).resource.aws_lb_target_group_attachment).map((a: any) => a.target_id);
    expect(targets(spec)).toEqual(['${aws_instance.agent_1.id}', '${aws_instance.agent_2.id}', '${aws_instance.agent_3.id}']);
    const { taints: _, ...untaintedServer } = spec.nodePools.find((p) => p.name === 'server')!;
    const untainted = { ...spec, nodePools: spec.nodePools.map((p) => (p.name === 'server' ? untaintedServer : p)) };
    expect(targets(untainted)).toHaveLength(6);
  });

  it('installs Argo CD on EKS through the helm provider once nodes and add-ons are up, with the Spot role Karpenter needs', () => {
    const tf = renderTerraform(clusters.get('tbyte-dev')!, { argocd: ARGOCD }) as Json;
    expect(tf.terraform.required_providers.helm).toEqual({ source: 'hashicorp/helm', version: '~> 3.0' });
    expect(tf.provider.helm.kubernetes.exec.args).toEqual(['eks', 'get-token', '--region', 'us-east-1', '--cluster-name', '${aws_eks_cluster.main.name}']);
    expect(tf.resource.helm_release.argocd.depends_on).toEqual(['aws_eks_node_group.system', 'aws_eks_addon.vpc_cni', 'aws_eks_addon.coredns', 'aws_eks_addon.kube_proxy', 'aws_eks_addon.aws_ebs_csi_driver']);
    expect(tf.resource.aws_iam_service_linked_role.spot.aws_service_name).toBe('spot.amazonaws.com');
    expect((renderTerraform(clusters.get('tbyte-dev')!) as Json).resource.helm_release).toBeUndefined();
  });

  it('wires the Application Gateway to AKS: the AGIC add-on, its three role assignments, and blocks AGIC owns left to it', () => {
    const tf = renderTerraform(clusters.get('rocketchat-aks')!, { argocd: ARGOCD }) as Json;
    expect(tf.resource.azurerm_kubernetes_cluster.main.ingress_application_gateway).toEqual({ gateway_id: '${azurerm_application_gateway.main.id}' });
    const agic = '${azurerm_kubernetes_cluster.main.ingress_application_gateway[0].ingress_application_gateway_identity[0].object_id}';
    const grants = Object.values(tf.resource.azurerm_role_assignment).filter((r: any) => r.principal_id === agic).map((r: any) => [r.role_definition_name, r.scope]);
    expect(grants).toEqual([
      ['Contributor', '${azurerm_application_gateway.main.id}'],
      ['Reader', '${azurerm_resource_group.main.id}'],
      ['Network Contributor', '${azurerm_subnet.app_gateway.id}'],
    ]);
    expect(tf.resource.azurerm_application_gateway.main.lifecycle.ignore_changes).toContain('request_routing_rule');
    expect(tf.resource.helm_release.argocd.depends_on).toEqual(['azurerm_kubernetes_cluster.main']);
  });

  it("lets the Blob CSI driver's kubelet identity reach only the files account", () => {
    const tf = doc('rocketchat-aks');
    const kubelet = '${azurerm_kubernetes_cluster.main.kubelet_identity[0].object_id}';
    const grants = Object.values(tf.resource.azurerm_role_assignment).filter((r: any) => r.principal_id === kubelet).map((r: any) => [r.role_definition_name, r.scope]);
    expect(grants).toEqual([
      ['Storage Account Contributor', '${azurerm_storage_account.files.id}'],
      ['Storage Blob Data Contributor', '${azurerm_storage_account.files.id}'],
    ]);
  });

  it("binds seed 003's load balancer controller through EKS Pod Identity: a role the pods service assumes, an association, the agent add-on", () => {
    const spec = clusters.get('production-cluster')!;
    const tf = doc('production-cluster');
    expect(tf.resource.aws_eks_pod_identity_association).toEqual({
      workload_aws_load_balancer_controller: {
        cluster_name: '${aws_eks_cluster.main.name}',
        namespace: 'kube-system',
        service_account: 'aws-load-balancer-controller',
        role_arn: '${aws_iam_role.workload_aws_load_balancer_controller.arn}',
      },
    });
    expect(tf.resource.aws_iam_role.workload_aws_load_balancer_controller.name).toBe(awsRoleName(spec, 'aws-load-balancer-controller'));
    const trust = (workload: string) => tf.data.aws_iam_policy_document[`workload_${workload}_trust`].statement[0];
    expect(trust('aws_load_balancer_controller')).toMatchObject({ actions: ['sts:AssumeRole', 'sts:TagSession'], principals: [{ type: 'Service', identifiers: ['pods.eks.amazonaws.com'] }] });
    expect(trust('efs_csi_driver').actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
    expect(tf.resource.aws_eks_addon.eks_pod_identity_agent).toMatchObject({ addon_name: 'eks-pod-identity-agent', cluster_name: '${aws_eks_cluster.main.name}' });
    expect(tf.resource.aws_eks_addon.eks_pod_identity_agent.depends_on).toBeUndefined();
    expect(doc('rocketchat-eks').resource.aws_eks_addon.eks_pod_identity_agent).toBeUndefined();
  });

  it("creates seed 003's efs StorageClass on the eks-shared-storage file system through the kubernetes provider, and lets the nodes mount it", () => {
    const tf = doc('production-cluster');
    expect(tf.terraform.required_providers.kubernetes).toEqual({ source: 'hashicorp/kubernetes', version: '~> 3.0' });
    expect(tf.provider.kubernetes).toEqual({
      host: '${aws_eks_cluster.main.endpoint}',
      cluster_ca_certificate: '${base64decode(aws_eks_cluster.main.certificate_authority[0].data)}',
      exec: { api_version: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token', '--region', 'us-east-1', '--cluster-name', '${aws_eks_cluster.main.name}'] },
    });
    expect(tf.resource.kubernetes_storage_class_v1.efs).toMatchObject({
      metadata: { name: 'efs' },
      storage_provisioner: 'efs.csi.aws.com',
      parameters: { provisioningMode: 'efs-ap', directoryPerms: '700', fileSystemId: '${aws_efs_file_system.eks_shared_storage.id}' },
    });
    const nfs = Object.values(tf.resource.aws_vpc_security_group_ingress_rule).filter((r: any) => r.security_group_id === '${aws_security_group.efs_eks_shared_storage.id}');
    expect(nfs).toEqual([expect.objectContaining({ ip_protocol: 'tcp', from_port: 2049, to_port: 2049, referenced_security_group_id: '${aws_eks_cluster.main.vpc_config[0].cluster_security_group_id}' })]);
    expect(doc('tbyte-dev').provider.kubernetes).toBeUndefined();
  });

  it('fails for a StorageClass Terraform is to create on a file system cloud.fileSystems does not declare, or off EKS', () => {
    const spec = clusters.get('production-cluster')!;
    expect(() => renderTerraform({ ...spec, cloud: { ...spec.cloud, fileSystems: [] } })).toThrow(
      'cluster production-cluster: StorageClass "efs" (efs-csi-driver) is on file system "eks-shared-storage", which cloud.fileSystems does not declare',
    );
    const vet = clusters.get('vet-rke2-dev')!;
    const context = clusterContext(vet, registry);
    const efs = clusterContext(spec, registry).storageClasses.find((c) => c.name === 'efs')!;
    expect(() => render(vet, { ...context, storageClasses: [...context.storageClasses, efs] })).toThrow(
      'cluster vet-rke2-dev: StorageClass "efs" (efs-csi-driver) is to be created by Terraform, which reaches the Kubernetes API of EKS clusters only (distribution rke2)',
    );
  });

  it("gives the RKE2 agents' role the upstream policy of the EBS CSI driver and its pods IMDSv2 through a hop limit of 2, and keeps the tainted servers, which read the join token, out of reach", () => {
    const spec = clusters.get('vet-rke2-prod')!;
    const hopLimits = (tf: Json) => Object.fromEntries(Object.entries(tf.resource.aws_instance).map(([name, i]: [string, any]) => [name, i.metadata_options.http_put_response_hop_limit]));
    const withEbs = doc('vet-rke2-prod');
    expect(hopLimits(withEbs)).toEqual({ server_1: 1, server_2: 1, server_3: 1, agent_1: 2, agent_2: 2, agent_3: 2 });
    expect(withEbs.resource.aws_iam_policy.nodes_ebs_csi_driver).toMatchObject({ name: 'vet-rke2-prod-nodes-ebs-csi-driver' });
    expect(withEbs.resource.aws_iam_policy.nodes_ebs_csi_driver.policy).toContain('ec2:CreateVolume');
    expect(Object.keys(withEbs.resource.aws_iam_role_policy_attachment).filter((k) => k.endsWith('nodes_ebs_csi_driver'))).toEqual(['rke2_agent_nodes_ebs_csi_driver']);
    // The servers take no workload pods, so the load balancer sends traffic to the agents' ingress-nginx only.
    expect(Object.values(withEbs.resource.aws_lb_target_group_attachment).map((a: any) => a.target_id)).toEqual(['${aws_instance.agent_1.id}', '${aws_instance.agent_2.id}', '${aws_instance.agent_3.id}']);
    expect(checkTerraform(withEbs)).toEqual([]);
    const without = renderTerraform({ ...spec, platform: spec.platform.filter((p) => p.name !== 'ebs-csi-driver') }) as Json;
    expect(new Set(Object.values(hopLimits(without)))).toEqual(new Set([1]));
    expect(without.resource.aws_iam_policy).toBeUndefined();
  });

  it('keeps the kubeadm control plane, which holds the CA key, out of the workloads\' reach: only workers carry the EBS policy and hop limit 2', () => {
    const tf = doc('kubeadm-lab');
    const hopLimits = Object.fromEntries(Object.entries(tf.resource.aws_instance).map(([name, i]: [string, any]) => [name, i.metadata_options.http_put_response_hop_limit]));
    expect(hopLimits).toEqual({ control_plane_1: 1, workers_1: 2, workers_2: 2, workers_3: 2 });
    expect(Object.keys(tf.resource.aws_iam_role_policy_attachment).filter((k) => k.endsWith('nodes_ebs_csi_driver'))).toEqual(['kubeadm_worker_nodes_ebs_csi_driver']);
  });
});
