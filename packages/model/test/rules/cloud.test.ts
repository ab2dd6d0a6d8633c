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
});
