import { CLOUD_DEFAULTS, adminPortIn, type PortRuleSpec } from '../cloud.js';
import { storageAccountName } from '../cloud-names.js';
import { merge } from '../compose.js';
import type { ClusterContext } from '../context.js';
import { KUBERNETES_RELEASES, kubernetesMinorOf, type KubernetesMinor } from '../releases.js';
import { checkUniqueNames, type Report, type SpecRule } from '../rule.js';
import type { ClusterSpec, SubnetSpec } from '../spec.js';

const AWS_ONLY = ['databases', 'buckets', 'fileSystems', 'caches', 'logGroups', 'vpn', 'dns', 'loadBalancer', 'eks'] as const;
const AZURE_ONLY = ['storageAccounts', 'applicationGateway', 'aks'] as const;

/** Cloud resources fit the provider and distribution, and the network has the zones they need. */
export const checkCloud: SpecRule = (spec, report, context) => {
  const { cloud } = spec;
  const foreign = spec.provider.cloud === 'aws' ? AZURE_ONLY : AWS_ONLY;
  for (const key of foreign) {
    const value = cloud[key];
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) {
      report('cloud-resource-foreign', `/cloud/${key}`, value, `nothing: ${key} is for ${spec.provider.cloud === 'aws' ? 'Azure' : 'AWS'} clusters`);
    }
  }
  if (cloud.eks !== undefined && spec.distribution !== 'eks') report('cloud-option-distribution', '/cloud/eks', cloud.eks, `nothing: EKS options on a ${spec.distribution} cluster`);
  if (cloud.rke2 !== undefined && spec.distribution !== 'rke2') report('cloud-option-distribution', '/cloud/rke2', cloud.rke2, `nothing: RKE2 options on a ${spec.distribution} cluster`);
  if (cloud.loadBalancer !== undefined && spec.distribution !== 'rke2' && spec.distribution !== 'kubeadm') {
    report('cloud-option-distribution', '/cloud/loadBalancer', cloud.loadBalancer, 'nothing: managed clusters get load balancers from their ingress controller');
  }
  if (cloud.dns !== undefined && cloud.loadBalancer === undefined) report('load-balancer-dns', '/cloud/dns', cloud.dns, 'DNS records together with cloud.loadBalancer, which they point at');
  if (cloud.loadBalancer !== undefined && cloud.dns === undefined) report('load-balancer-dns', '/cloud/loadBalancer', cloud.loadBalancer, 'a load balancer together with cloud.dns, the zone of its certificate and records');

  checkUniqueNames(cloud.databases ?? [], '/cloud/databases', 'database', report);
  checkUniqueNames(cloud.fileSystems ?? [], '/cloud/fileSystems', 'file system', report);
  checkUniqueNames(cloud.caches ?? [], '/cloud/caches', 'cache', report);
  checkUniqueNames(cloud.eks?.addons ?? [], '/cloud/eks/addons', 'add-on', report);
  checkUniqueNames(cloud.buckets ?? [], '/cloud/buckets', 'bucket', report, 'purpose');

  checkUsed(spec, context, report);
  if (spec.provider.cloud === 'aws') {
    checkServiceZones(spec, report);
    checkGrants(spec, context, report);
    checkVpn(spec, report);
    checkNodeBootstrap(spec, context, report);
    if (cloud.eks?.addons?.some((a) => a.name === 'aws-ebs-csi-driver') && context.awsWorkload(EBS_CSI_WORKLOAD) === undefined) {
      report(
        'ebs-addon-workload',
        '/cloud/eks/addons',
        'aws-ebs-csi-driver',
        `the aws-ebs-csi-driver add-on together with a platform component that runs its IAM workload "${EBS_CSI_WORKLOAD}" (the catalogue's ebs-csi-driver), which gives it its role`,
      );
    }
  } else checkAzure(spec, report);
};

/** The IAM workload the EKS add-on aws-ebs-csi-driver runs as (its controller's service account role). */
const EBS_CSI_WORKLOAD = 'ebs-csi-driver';

function describe(subnets: readonly SubnetSpec[]): string {
  return subnets.length === 0 ? 'none' : subnets.map((s) => `${s.name} ${s.cidr}${s.zone ? ` in zone ${s.zone}` : ''}`).join(', ');
}

/** Reports when the subnets of a role span fewer zones than a resource needs, naming the subnets there are. */
function requireZones(spec: ClusterSpec, role: 'public' | 'private', zones: number, path: string, value: unknown, what: string, report: Report): void {
  const subnets = spec.network.subnets.filter((s) => s.role === role);
  const found = new Set(subnets.map((s) => s.zone).filter((z) => z !== undefined));
  if (found.size < zones) {
    report('service-zones', path, value, `${role} subnets in at least ${zones} availability zone${zones > 1 ? 's' : ''} for ${what} (network has: ${describe(subnets)})`);
  }
}

function checkServiceZones(spec: ClusterSpec, report: Report): void {
  const { cloud } = spec;
  // An RDS subnet group spans two zones even for a single-AZ instance, so that it can fail over.
  (cloud.databases ?? []).forEach((db, i) => db.instance === 'rds' && requireZones(spec, 'private', 2, `/cloud/databases/${i}`, db.name, `database "${db.name}" (RDS subnet groups span 2 zones)`, report));
  (cloud.caches ?? []).forEach((cache, i) => {
    if ((cache.nodes ?? CLOUD_DEFAULTS.cache.nodes) > 1) requireZones(spec, 'private', 2, `/cloud/caches/${i}`, cache.name, `cache "${cache.name}" with replicas in other zones`, report);
    else requireZones(spec, 'private', 1, `/cloud/caches/${i}`, cache.name, `cache "${cache.name}"`, report);
  });
  (cloud.fileSystems ?? []).forEach((fs, i) => requireZones(spec, 'private', 1, `/cloud/fileSystems/${i}`, fs.name, `the mount targets of file system "${fs.name}"`, report));
  if (cloud.loadBalancer) requireZones(spec, 'public', 2, '/cloud/loadBalancer', cloud.loadBalancer, 'an application load balancer', report);
}

/**
 * What the cloud side creates, the cluster side uses: a database, bucket, Blob container, file
 * system or cache that no component or app of the cluster uses costs money and holds nothing
 * (often a sign that an app was pointed elsewhere).
 */
function checkUsed(spec: ClusterSpec, context: ClusterContext, report: Report): void {
  type Kind = keyof ClusterContext['uses'];
  const declared = (kind: Kind): Array<{ name: string; path: string }> =>
    ({
      databases: (spec.cloud.databases ?? []).map((db, i) => ({ name: db.name, path: `/cloud/databases/${i}/name` })),
      buckets: [
        ...(spec.cloud.buckets ?? []).map((b, i) => ({ name: b.purpose, path: `/cloud/buckets/${i}/purpose` })),
        ...(spec.cloud.storageAccounts ?? []).flatMap((a, i) => a.containers.map((c, j) => ({ name: c, path: `/cloud/storageAccounts/${i}/containers/${j}` }))),
      ],
      fileSystems: (spec.cloud.fileSystems ?? []).map((fs, i) => ({ name: fs.name, path: `/cloud/fileSystems/${i}/name` })),
      caches: (spec.cloud.caches ?? []).map((c, i) => ({ name: c.name, path: `/cloud/caches/${i}/name` })),
    })[kind];
  const what: Record<Kind, [string, string]> = {
    databases: ['a database some app of the cluster uses', 'connects to'],
    buckets: ['a bucket or Blob container some component or app of the cluster uses', 'reads or writes'],
    fileSystems: ['a file system some component of the cluster mounts', 'mounts'],
    caches: ['a cache some app of the cluster connects to', 'connects to'],
  };
  for (const kind of Object.keys(what) as Kind[]) {
    const resources = declared(kind);
    const uses = [...context.uses[kind].keys()].sort();
    // A use naming what is not declared is reported where it is made; the resource it meant to name is not also "unused".
    if (uses.some((name) => !resources.some((r) => r.name === name))) continue;
    const [allowed, verb] = what[kind];
    for (const { name, path } of resources) {
      if (!context.uses[kind].has(name)) report('cloud-resource-unused', path, name, `${allowed} (used: ${uses.join(', ') || 'none'}); nothing ${verb} "${name}"`);
    }
  }
}

/** Access grants name IAM workloads that the cluster's components and apps declare; their roles are assumed through EKS IRSA. */
function checkGrants(spec: ClusterSpec, context: ClusterContext, report: Report): void {
  const grant = (at: string, w: string): void => {
    if (spec.distribution !== 'eks') report('grant-unknown-workload', at, w, 'no grant: workload IAM roles are assumed through EKS service accounts (IRSA)');
    else if (context.awsWorkload(w) === undefined) report('grant-unknown-workload', at, w, `an IAM workload this cluster runs (${context.awsWorkloads.map((x) => x.name).join(', ') || 'none'})`);
  };
  (spec.cloud.buckets ?? []).forEach((bucket, i) => (bucket.access ?? []).forEach((w, j) => grant(`/cloud/buckets/${i}/access/${j}`, w)));
  (spec.cloud.databases ?? []).forEach((db, i) => (db.readers ?? []).forEach((w, j) => grant(`/cloud/databases/${i}/readers/${j}`, w)));
}

/**
 * RKE2 and kubeadm nodes install themselves at first boot: they download RKE2 or the Kubernetes
 * packages and read their join secrets from SSM, so private nodes need a NAT gateway. The
 * versions they install match kubernetesVersion, and kubeadm's pod range is Flannel's network.
 */
function checkNodeBootstrap(spec: ClusterSpec, context: ClusterContext, report: Report): void {
  if (spec.distribution !== 'rke2' && spec.distribution !== 'kubeadm') return;
  const nat = spec.network.natGateways ?? 'one-per-az';
  const privatePool = spec.nodePools.findIndex((p) => (p.subnetRole ?? 'private') === 'private');
  if (nat === 'none' && privatePool !== -1) {
    report('node-bootstrap-nat', '/network/natGateways', nat, `"single" or "one-per-az": node pool "${spec.nodePools[privatePool]!.name}" runs in private subnets and downloads ${spec.distribution === 'rke2' ? 'RKE2' : 'the Kubernetes packages'} at first boot`);
  }
  const controlPlane = spec.nodePools.findIndex((p) => p.role === 'control-plane');
  const size = spec.nodePools[controlPlane]?.minSize;
  if (spec.distribution === 'kubeadm' && size !== undefined && size !== 1) {
    // A second kubeadm control plane joins with uploaded certificates behind a load-balanced endpoint, which is not rendered.
    report('kubeadm-control-plane', `/nodePools/${controlPlane}/minSize`, size, 'exactly 1: the kubeadm control plane is one node (kubeadm init); more need a load-balanced endpoint');
  }
  if (spec.cloud.loadBalancer !== undefined && !context.ingressClasses.some((c) => c.hostPorts)) {
    const served = context.ingressClasses.map((c) => `${c.name} (${c.providedBy})`).join(', ') || 'none';
    report(
      'load-balancer-ingress',
      '/cloud/loadBalancer',
      spec.cloud.loadBalancer,
      `a load balancer together with an ingress controller on the nodes' ports 80/443 (platform ingress-nginx with exposure "host-ports"): it sends traffic and health checks there (IngressClasses served: ${served})`,
    );
  }
  if (spec.distribution === 'kubeadm' && spec.network.podCidr === undefined) {
    report('kubeadm-pod-cidr', '/network/podCidr', undefined, "the pod range (such as 10.244.0.0/16): kubeadm's podSubnet and Flannel's network are set from it");
  }
  const minor = kubernetesMinorOf(spec.kubernetesVersion);
  const known = KUBERNETES_RELEASES[minor as KubernetesMinor];
  const patch = /^\d+\.\d+\.\d+$/.test(spec.kubernetesVersion) ? spec.kubernetesVersion : undefined;
  const pinned = spec.cloud.rke2?.version;
  if (spec.distribution !== 'rke2' || known === undefined) return;
  if (pinned !== undefined) {
    const carried = pinned.slice(1, pinned.indexOf('+'));
    if (kubernetesMinorOf(carried) !== minor || (patch !== undefined && carried !== patch)) {
      report('rke2-version', '/cloud/rke2/version', pinned, `an RKE2 release of Kubernetes ${patch ?? `${minor}.x`} (kubernetesVersion is ${spec.kubernetesVersion})`);
    }
  } else if (patch !== undefined && patch !== known.kubernetes) {
    report('rke2-version', '/cloud/rke2/version', undefined, `the RKE2 release of Kubernetes ${patch} (such as v${patch}+rke2r1): the default, ${known.rke2}, carries ${known.kubernetes}`);
  }
}

function checkVpn(spec: ClusterSpec, report: Report): void {
  const vpn = spec.cloud.vpn;
  if (!vpn) return;
  const subnet = spec.network.subnets.find((s) => s.name === vpn.subnet);
  if (subnet?.role !== 'public') {
    const publics = spec.network.subnets.filter((s) => s.role === 'public');
    report('vpn-subnet', '/cloud/vpn/subnet', vpn.subnet, `the name of a public subnet (public subnets: ${describe(publics)})`);
  }
  checkPortRules(vpn.ports, '/cloud/vpn/ports', report);
}

/** Port rules have ordered ranges, and admin ports are never open to anywhere. */
export function checkPortRules(rules: readonly PortRuleSpec[], path: string, report: Report): void {
  rules.forEach((rule, i) => {
    const to = rule.toPort ?? rule.port;
    if (to < rule.port) report('port-range-order', `${path}/${i}/toPort`, to, `at least port (${rule.port})`);
    const admin = (rule.protocol ?? 'tcp') === 'tcp' ? adminPortIn(rule.port, to) : undefined;
    if (rule.from === 'anywhere' && admin) {
      const range = rule.port === to ? `${rule.port}` : `${rule.port}-${to}`;
      report('admin-port-world', `${path}/${i}/from`, rule.from, `"admin" or "network": port ${range} opens ${admin.what} (${admin.from}-${admin.to}), which is never open to 0.0.0.0/0`);
    }
  });
}

function checkAzure(spec: ClusterSpec, report: Report): void {
  const { cloud, network } = spec;
  (cloud.storageAccounts ?? []).forEach((account, i) => {
    const name = storageAccountName(spec, account.purpose);
    if (name.length > 24) report('storage-account-name', `/cloud/storageAccounts/${i}/purpose`, account.purpose, `a shorter purpose: storage account name "${name}" exceeds 24 characters`);
  });
  checkUniqueNames(cloud.storageAccounts ?? [], '/cloud/storageAccounts', 'storage account', report, 'purpose');
  const gateway = cloud.applicationGateway;
  if (gateway) {
    if (!network.subnets.some((s) => s.role === 'app-gateway')) report('app-gateway-subnet', '/cloud/applicationGateway', gateway, `a subnet with role "app-gateway" (network has: ${describe(network.subnets)})`);
    const { minCapacity, maxCapacity } = merge(CLOUD_DEFAULTS.applicationGateway, gateway);
    if (minCapacity > maxCapacity) report('app-gateway-capacity', '/cloud/applicationGateway/minCapacity', minCapacity, `at most maxCapacity (${maxCapacity})`);
  }
  if (spec.distribution === 'aks' && !network.subnets.some((s) => s.role === 'private')) {
    report('aks-network', '/network/subnets', network.subnets.map((s) => s.name), 'a private subnet for the AKS nodes');
  }
  if (spec.distribution === 'aks' && network.serviceCidr === undefined) {
    report('aks-network', '/network/serviceCidr', undefined, 'the Kubernetes Service range (AKS with Azure CNI needs one apart from the VNet)');
  }
}
