import { fileURLToPath } from 'node:url';
import { checkTerraform } from '@wavesmith/checks';
import { loadRegistry, type Registry } from '@wavesmith/compiler';
import { awsRoleName, bucketName, clusterContext, databaseSecretName, loadClusters, type ClusterSpec } from '@wavesmith/model';
import { renderTerraform as render } from '@wavesmith/terraform';
import { beforeAll, describe, expect, it } from 'vitest';

type Json = Record<string, any>;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let clusters: Map<string, ClusterSpec>;
let registry: Registry;

beforeAll(async () => {
  registry = await loadRegistry(ROOT);
  clusters = new Map((await loadClusters(ROOT, registry)).map((c) => [c.spec.name, c.spec]));
});

/** The Terraform of a cluster of the fleet, with the context its components and apps give it. */
const renderTerraform = (spec: ClusterSpec) => render(spec, clusterContext(spec, registry));
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
});
