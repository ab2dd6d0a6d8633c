import { describe, expect, it } from 'vitest';
import { validateCluster } from '../../src/index.js';
import { TEST_REGISTRY, clusterWith } from '../fixtures.js';

/** Validates the demo cluster changed by `edit`, returning "path: allowed" lines. */
function issuesOf(edit: (spec: any) => void): string[] {
  return validateCluster(clusterWith(edit), 'clusters/demo.ts', TEST_REGISTRY).issues.map((i) => `${i.path}: ${i.allowed}`);
}

const threeZones = (s: any) => {
  s.network.subnets.push({ name: 'public-c', cidr: '10.0.2.0/24', role: 'public', zone: 'c' }, { name: 'private-c', cidr: '10.0.12.0/24', role: 'private', zone: 'c' });
};

describe('checkCloud', () => {
  it('accepts databases, buckets, caches and a VPN placed where they need to be', () => {
    expect(
      issuesOf((s) => {
        threeZones(s);
        s.platform.push({ name: 'loki' });
        s.cloud = {
          databases: [{ name: 'app', readers: ['loki'] }],
          buckets: [{ purpose: 'loki-chunks', access: ['loki'] }],
          caches: [{ name: 'valkey' }],
          fileSystems: [{ name: 'shared' }],
          vpn: { subnet: 'public-a', ports: [{ port: 22, from: 'admin', description: 'SSH' }] },
        };
      }),
    ).toEqual([]);
  });

  it('rejects a database without private subnets in two zones, naming the subnets and their ranges', () => {
    const issues = issuesOf((s) => {
      s.network.subnets = s.network.subnets.filter((n: any) => n.zone === 'a');
      s.distribution = 'kubeadm';
      s.nodePools = [{ ...s.nodePools[0], role: 'control-plane', image: 'ubuntu-22.04' }];
      s.cloud = { databases: [{ name: 'app' }] };
    });
    expect(issues).toContain('/cloud/databases/0: private subnets in at least 2 availability zones for database "app" (RDS subnet groups span 2 zones) (network has: private-a 10.0.10.0/24 in zone a)');
  });

  it('rejects a cache with replicas without private subnets in two zones', () => {
    const issues = issuesOf((s) => {
      s.network.subnets = s.network.subnets.filter((n: any) => n.zone === 'a');
      s.distribution = 'kubeadm';
      s.nodePools = [{ ...s.nodePools[0], role: 'control-plane', image: 'ubuntu-22.04' }];
      s.cloud = { caches: [{ name: 'valkey' }] };
    });
    expect(issues).toContain('/cloud/caches/0: private subnets in at least 2 availability zones for cache "valkey" with replicas in other zones (network has: private-a 10.0.10.0/24 in zone a)');
  });

  it('rejects an admin port open to anywhere, naming the port range', () => {
    const issues = issuesOf((s) => {
      s.cloud = { vpn: { subnet: 'public-a', ports: [{ port: 20, toPort: 30, protocol: 'tcp', from: 'anywhere', description: 'SSH and more' }] } };
    });
    expect(issues).toEqual(['/cloud/vpn/ports/0/from: "admin" or "network": port 20-30 opens SSH (22-22), which is never open to 0.0.0.0/0']);
  });

  it('rejects a VPN outside a public subnet, listing the public subnets', () => {
    const issues = issuesOf((s) => {
      s.cloud = { vpn: { subnet: 'private-a', ports: [{ port: 1194, protocol: 'udp', from: 'anywhere', description: 'OpenVPN' }] } };
    });
    expect(issues).toEqual(['/cloud/vpn/subnet: the name of a public subnet (public subnets: public-a 10.0.0.0/24 in zone a, public-b 10.0.1.0/24 in zone b)']);
  });

  it('rejects access for an IAM workload no component or app of the cluster declares, listing those declared', () => {
    const issues = issuesOf((s) => {
      s.platform.push({ name: 'loki' });
      s.apps = [{ name: 'web', chart: 'web', image: 'web:1.0.0' }];
      s.cloud = { buckets: [{ purpose: 'traces', access: ['tempo'] }] };
    });
    expect(issues).toEqual(['/cloud/buckets/0/access/0: an IAM workload this cluster runs (loki, web)']);
  });

  it('rejects access grants off EKS, where no service account can assume a role', () => {
    const issues = issuesOf((s) => {
      s.distribution = 'kubeadm';
      s.nodePools = [{ ...s.nodePools[0], role: 'control-plane', image: 'ubuntu-22.04' }];
      s.cloud = { buckets: [{ purpose: 'backups', access: ['web'] }] };
    });
    expect(issues).toEqual(['/cloud/buckets/0/access/0: no grant: workload IAM roles are assumed through EKS service accounts (IRSA)']);
  });

  it('rejects the EBS CSI add-on without the component that declares its IAM workload', () => {
    const issues = issuesOf((s) => (s.cloud = { eks: { addons: [{ name: 'vpc-cni' }, { name: 'aws-ebs-csi-driver' }] } }));
    expect(issues).toEqual([
      '/cloud/eks/addons: the aws-ebs-csi-driver add-on together with a platform component that runs its IAM workload "ebs-csi-driver" (the catalogue\'s ebs-csi-driver), which gives it its role',
    ]);
  });

  it('rejects resources of the other cloud and a load balancer on a managed cluster', () => {
    const azure = issuesOf((s) => {
      s.provider = { cloud: 'azure', region: 'eastus', subscriptionId: '00000000-0000-4000-8000-000000000000' };
      s.distribution = 'aks';
      s.network = { cidr: '10.0.0.0/16', subnets: [{ name: 'nodes', cidr: '10.0.1.0/24', role: 'private' }], serviceCidr: '10.1.0.0/16', natGateways: 'none', adminCidrs: ['198.51.100.0/24'] };
      s.nodePools[0].image = 'ubuntu-22.04';
      s.cloud = { buckets: [{ purpose: 'uploads' }] };
    });
    expect(azure).toEqual(['/cloud/buckets: nothing: buckets is for AWS clusters']);
    const eks = issuesOf((s) => {
      s.cloud = { loadBalancer: { targetPort: 443 }, dns: { zone: 'example.com', records: ['app'] } };
    });
    expect(eks).toEqual(['/cloud/loadBalancer: nothing: managed clusters get load balancers from their ingress controller']);
  });

  it('rejects a storage account name over 24 characters', () => {
    const issues = issuesOf((s) => {
      s.name = 'rocketchat-aks';
      s.provider = { cloud: 'azure', region: 'eastus', subscriptionId: '00000000-0000-4000-8000-000000000000' };
      s.distribution = 'aks';
      s.network = { cidr: '10.0.0.0/16', subnets: [{ name: 'nodes', cidr: '10.0.1.0/24', role: 'private' }], serviceCidr: '10.1.0.0/16', natGateways: 'none', adminCidrs: ['198.51.100.0/24'] };
      s.nodePools[0].image = 'ubuntu-22.04';
      s.cloud = { storageAccounts: [{ purpose: 'mongobackups', containers: ['mongodb'] }] };
    });
    expect(issues).toEqual(['/cloud/storageAccounts/0/purpose: a shorter purpose: storage account name "rocketchataksmongobackups" exceeds 24 characters']);
  });
});
