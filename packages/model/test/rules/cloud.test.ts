import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadClusters, validateCluster, type ClusterSpec } from '../../src/index.js';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
let specs: Map<string, ClusterSpec>;

beforeAll(async () => {
  specs = new Map((await loadClusters(ROOT)).map((c) => [c.spec.name, c.spec]));
});

/** Validates a copy of a real cluster changed by `edit`, returning "path: allowed" lines. */
function issuesOf(name: string, edit: (spec: ClusterSpec) => void): string[] {
  const spec = structuredClone(specs.get(name)!);
  edit(spec);
  return validateCluster(spec, `clusters/${name}.ts`).issues.map((i) => `${i.path}: ${i.allowed}`);
}

describe('checkCloud', () => {
  it('accepts the cloud sections of every cluster', () => {
    for (const spec of specs.values()) expect(validateCluster(spec, `clusters/${spec.name}.ts`).issues).toEqual([]);
  });

  it('rejects a database without private subnets in two zones, naming the subnets and their ranges', () => {
    const issues = issuesOf('tbyte-dev', (spec) => {
      spec.network.subnets = spec.network.subnets.filter((s) => s.role === 'public' || s.zone === 'a');
      spec.network.natGateways = 'single';
    });
    expect(issues).toContain(
      '/cloud/databases/0: private subnets in at least 2 availability zones for database "tbyte" (RDS subnet groups span 2 zones) (network has: private-a 10.0.64.0/19 in zone a)',
    );
  });

  it('rejects file systems and caches without private subnets', () => {
    const issues = issuesOf('production-cluster', (spec) => {
      spec.network.subnets = spec.network.subnets.filter((s) => s.name === 'private-subnet-1a' || s.role === 'public');
    });
    expect(issues).toContain(
      '/cloud/caches/0: private subnets in at least 2 availability zones for cache "valkey" with replicas in other zones (network has: private-subnet-1a 10.1.32.0/20 in zone a)',
    );
  });

  it('rejects an admin port open to anywhere, naming the port range', () => {
    const issues = issuesOf('production-cluster', (spec) => {
      spec.cloud.vpn!.ports[0] = { port: 20, toPort: 30, protocol: 'tcp', from: 'anywhere', description: 'SSH and more' };
    });
    expect(issues).toEqual(['/cloud/vpn/ports/0/from: "admin" or "network": port 20-30 opens SSH (22-22), which is never open to 0.0.0.0/0']);
  });

  it('rejects an admin range of 0.0.0.0/0', () => {
    const issues = issuesOf('kubeadm-lab', (spec) => {
      spec.network.adminCidrs = ['0.0.0.0/0'];
    });
    expect(issues).toEqual(['/network/adminCidrs/0: a specific operator range such as 203.0.113.0/24; admin ports are never open to the whole internet']);
  });

  it('rejects a VPN outside a public subnet, listing the public subnets', () => {
    const issues = issuesOf('production-cluster', (spec) => {
      spec.cloud.vpn!.subnet = 'private-subnet-1a';
    });
    expect(issues).toEqual([
      '/cloud/vpn/subnet: the name of a public subnet (public subnets: public-subnet-1a 10.1.0.0/20 in zone a, public-subnet-1b 10.1.16.0/20 in zone b, public-subnet-1c 10.1.80.0/20 in zone c)',
    ]);
  });

  it('rejects access for a workload the cluster does not run', () => {
    const issues = issuesOf('production-cluster', (spec) => {
      spec.cloud.buckets = spec.cloud.buckets!.map((b) => (b.purpose === 'tempo-traces' ? { ...b, access: ['karpenter'] } : b));
    });
    expect(issues).toEqual([
      '/cloud/buckets/5/access/0: a workload this cluster runs (ebs-csi-driver, aws-load-balancer-controller, efs-csi-driver, cluster-autoscaler, mimir, loki, tempo)',
    ]);
  });

  it('rejects access grants off EKS, where no service account can assume a role', () => {
    const issues = issuesOf('vet-rke2-dev', (spec) => {
      spec.cloud.buckets = [{ purpose: 'backups', access: ['backend'] }];
    });
    expect(issues).toEqual(['/cloud/buckets/0/access/0: no grant: workload IAM roles are assumed through EKS service accounts (IRSA)']);
  });

  it('rejects resources of the other cloud and a load balancer on a managed cluster', () => {
    const aks = issuesOf('rocketchat-aks', (spec) => {
      spec.cloud.buckets = [{ purpose: 'uploads', access: [] }];
    });
    expect(aks).toEqual(['/cloud/buckets: nothing: buckets is for AWS clusters']);
    const eks = issuesOf('tbyte-dev', (spec) => {
      spec.cloud.loadBalancer = { targetPort: 443 };
      spec.cloud.dns = { zone: 'example.com', records: ['app'] };
    });
    expect(eks).toEqual(['/cloud/loadBalancer: nothing: managed clusters get load balancers from their ingress controller']);
  });

  it('rejects a storage account name over 24 characters', () => {
    const issues = issuesOf('rocketchat-aks', (spec) => {
      spec.cloud.storageAccounts![1]!.purpose = 'mongobackups';
    });
    expect(issues).toEqual(['/cloud/storageAccounts/1/purpose: a shorter purpose: storage account name "rocketchataksmongobackups" exceeds 24 characters']);
  });

  it('rejects RKE2 options off RKE2, and an RKE2 release of another Kubernetes version, naming both', () => {
    expect(issuesOf('kubeadm-lab', (spec) => void (spec.cloud.rke2 = { cni: 'calico' }))).toEqual(['/cloud/rke2: nothing: RKE2 options on a kubeadm cluster']);
    expect(issuesOf('vet-rke2-dev', (spec) => void (spec.cloud.rke2 = { version: 'v1.28.15+rke2r1' }))).toEqual([
      '/cloud/rke2/version: an RKE2 release of Kubernetes 1.27.x (kubernetesVersion is 1.27)',
    ]);
    expect(issuesOf('vet-rke2-dev', (spec) => void (spec.kubernetesVersion = '1.27.3'))).toEqual([
      '/cloud/rke2/version: the RKE2 release of Kubernetes 1.27.3 (such as v1.27.3+rke2r1): the default, v1.27.16+rke2r2, carries 1.27.16',
    ]);
    expect(issuesOf('vet-rke2-dev', (spec) => void (spec.kubernetesVersion = '1.27.16'))).toEqual([]);
  });

  it('rejects self-managed nodes in private subnets without a NAT gateway: they download their distribution at first boot', () => {
    expect(issuesOf('vet-rke2-dev', (spec) => void (spec.network.natGateways = 'none'))).toEqual([
      '/network/natGateways: "single" or "one-per-az": node pool "server" runs in private subnets and downloads RKE2 at first boot',
    ]);
  });

  it('rejects a kubeadm cluster without a pod range or with more than one control plane node', () => {
    expect(issuesOf('kubeadm-lab', (spec) => void delete (spec.network as { podCidr?: string }).podCidr)).toEqual([
      "/network/podCidr: the pod range (such as 10.244.0.0/16): kubeadm's podSubnet and Flannel's network are set from it",
    ]);
    const issues = issuesOf('kubeadm-lab', (spec) => {
      spec.nodePools[0]!.minSize = 3;
      spec.nodePools[0]!.maxSize = 3;
    });
    expect(issues).toEqual(['/nodePools/0/minSize: exactly 1: the kubeadm control plane is one node (kubeadm init); more need a load-balanced endpoint']);
  });

  it('rejects a load balancer in front of nodes where ingress-nginx does not listen on the host ports', () => {
    const issues = issuesOf('vet-rke2-dev', (spec) => {
      spec.platform = spec.platform.map((p) => (p.name === 'ingress-nginx' ? { ...p, exposure: 'node-port' } : p));
    });
    expect(issues).toEqual([
      '/cloud/loadBalancer: a load balancer together with platform ingress-nginx on host ports (exposure "host-ports"): it sends traffic and health checks to ports 80/443 of the nodes (ingress-nginx is exposed as "node-port")',
    ]);
  });
});
