import { describe, expect, it } from 'vitest';
import { validateCluster } from '../../src/index.js';
import { TEST_REGISTRY, clusterWith } from '../fixtures.js';

/** Validates the demo cluster changed by `edit`, returning "path: allowed" lines. */
function issuesOf(edit: (spec: any) => void): string[] {
  return validateCluster(clusterWith(edit), 'clusters/demo.ts', TEST_REGISTRY).findings.map((i) => `${i.path}: ${i.allowed}`);
}

/** Makes the demo cluster a self-managed one on EC2: a server pool and an agent pool on Ubuntu. */
const selfManaged = (distribution: 'rke2' | 'kubeadm') => (s: any) => {
  s.distribution = distribution;
  s.kubernetesVersion = distribution === 'rke2' ? '1.27' : '1.31';
  s.network.natGateways = 'single';
  if (distribution === 'kubeadm') s.network.podCidr = '10.244.0.0/16';
  s.nodePools = [
    { name: 'server', role: 'control-plane', instanceTypes: ['t3.medium'], image: 'ubuntu-22.04', minSize: 1, maxSize: 1, diskGiB: 50 },
    { name: 'agent', instanceTypes: ['t3.medium'], image: 'ubuntu-22.04', minSize: 2, maxSize: 2, diskGiB: 50 },
  ];
};

const threeZones = (s: any) => {
  s.network.subnets.push({ name: 'public-c', cidr: '10.0.2.0/24', role: 'public', zone: 'c' }, { name: 'private-c', cidr: '10.0.12.0/24', role: 'private', zone: 'c' });
};

describe('checkCloud', () => {
  it('accepts databases, buckets, caches and a VPN placed where they need to be', () => {
    expect(
      issuesOf((s) => {
        threeZones(s);
        s.platform.push({ name: 'loki' });
        s.apps = [{ name: 'app', chart: 'web', image: 'web:1.0.0', cache: 'valkey', fileSystem: 'shared' }];
        s.cloud = {
          databases: [{ name: 'app', instance: 'rds', readers: ['loki'] }],
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
      s.apps = [{ name: 'app', chart: 'web', image: 'web:1.0.0' }];
      s.cloud = { databases: [{ name: 'app', instance: 'rds' }] };
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
      s.cloud = { buckets: [{ purpose: 'loki-chunks', access: ['tempo'] }] };
    });
    expect(issues).toEqual(['/cloud/buckets/0/access/0: an IAM workload this cluster runs (loki, web)']);
  });

  it('rejects access grants off EKS, where no service account can assume a role', () => {
    const issues = issuesOf((s) => {
      selfManaged('kubeadm')(s);
      s.platform.push({ name: 'loki' });
      s.cloud = { buckets: [{ purpose: 'loki-chunks', access: ['web'] }] };
    });
    expect(issues).toEqual(['/cloud/buckets/0/access/0: no grant: workload IAM roles are assumed through EKS service accounts (IRSA)']);
  });

  it('rejects a database, bucket, file system or cache that nothing on the cluster uses, naming what is used', () => {
    expect(
      issuesOf((s) => {
        threeZones(s);
        s.platform.push({ name: 'loki' });
        s.apps = [{ name: 'app', chart: 'web', image: 'web:1.0.0', cache: 'sessions', fileSystem: 'shared' }];
        s.cloud = {
          databases: [{ name: 'app', instance: 'rds' }, { name: 'orders', instance: 'rds' }],
          buckets: [{ purpose: 'loki-chunks' }, { purpose: 'archive' }],
          fileSystems: [{ name: 'shared' }, { name: 'scratch' }],
          caches: [{ name: 'sessions' }, { name: 'valkey' }],
        };
      }),
    ).toEqual([
      '/cloud/databases/1/name: a database some app of the cluster uses (used: app); nothing connects to "orders"',
      '/cloud/buckets/1/purpose: a bucket or Blob container some component or app of the cluster uses (used: loki-chunks); nothing reads or writes "archive"',
      '/cloud/fileSystems/1/name: a file system some component of the cluster mounts (used: shared); nothing mounts "scratch"',
      '/cloud/caches/1/name: a cache some app of the cluster connects to (used: sessions); nothing connects to "valkey"',
    ]);
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
      s.cloud = { buckets: [{ purpose: 'loki-chunks' }] };
      s.platform.push({ name: 'loki' });
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
      s.platform.push({ name: 'loki' });
      s.cloud = { storageAccounts: [{ purpose: 'mongobackups', containers: ['loki-chunks'] }] };
    });
    expect(issues).toEqual(['/cloud/storageAccounts/0/purpose: a shorter purpose: storage account name "rocketchataksmongobackups" exceeds 24 characters']);
  });

  it('rejects RKE2 options off RKE2, and an RKE2 release of another Kubernetes version, naming both', () => {
    expect(issuesOf((s) => (selfManaged('kubeadm')(s), (s.cloud = { rke2: { cni: 'calico' } })))).toEqual(['/cloud/rke2: nothing: RKE2 options on a kubeadm cluster']);
    expect(issuesOf((s) => (selfManaged('rke2')(s), (s.cloud = { rke2: { version: 'v1.28.15+rke2r1' } })))).toEqual([
      '/cloud/rke2/version: an RKE2 release of Kubernetes 1.27.x (kubernetesVersion is 1.27)',
    ]);
    expect(issuesOf((s) => (selfManaged('rke2')(s), (s.kubernetesVersion = '1.27.3')))).toEqual([
      '/cloud/rke2/version: the RKE2 release of Kubernetes 1.27.3 (such as v1.27.3+rke2r1): the default, v1.27.16+rke2r2, carries 1.27.16',
    ]);
    expect(issuesOf((s) => (selfManaged('rke2')(s), (s.kubernetesVersion = '1.27.16')))).toEqual([]);
  });

  it('rejects self-managed nodes in private subnets without a NAT gateway: they download their distribution at first boot', () => {
    expect(issuesOf((s) => (selfManaged('rke2')(s), (s.network.natGateways = 'none')))).toEqual([
      '/network/natGateways: "single" or "one-per-az": node pool "server" runs in private subnets and downloads RKE2 at first boot',
    ]);
  });

  it('rejects a kubeadm cluster without a pod range or with more than one control plane node', () => {
    expect(issuesOf((s) => (selfManaged('kubeadm')(s), delete s.network.podCidr))).toEqual([
      "/network/podCidr: the pod range (such as 10.244.0.0/16): kubeadm's podSubnet and Flannel's network are set from it",
    ]);
    expect(issuesOf((s) => (selfManaged('kubeadm')(s), Object.assign(s.nodePools[0], { minSize: 3, maxSize: 3 })))).toEqual([
      '/nodePools/0/minSize: exactly 1: the kubeadm control plane is one node (kubeadm init); more need a load-balanced endpoint',
    ]);
  });

  it('rejects a load balancer in front of nodes where no ingress controller listens on the host ports', () => {
    const issues = issuesOf((s) => {
      selfManaged('rke2')(s);
      s.cloud = { loadBalancer: {}, dns: { zone: 'example.com', records: ['app'] } };
    });
    expect(issues).toEqual([
      "/cloud/loadBalancer: a load balancer together with an ingress controller on the nodes' ports 80/443 (platform ingress-nginx with exposure \"host-ports\"): it sends traffic and health checks there (IngressClasses served: none)",
    ]);
  });
});
