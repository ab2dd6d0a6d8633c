import { clusterContext } from '@wavesmith/model';
import { describe, expect, it } from 'vitest';
import { cluster, EKS_BASE, issues, plansOf, REGISTRY } from '../fixtures.js';

const SHARED = { cloud: { fileSystems: [{ name: 'eks-shared-storage' }] } };

describe('efsCsiDriver', () => {
  it('declares the efs StorageClass of seed 003 for Terraform to create on the named file system, and renders no StorageClass itself', () => {
    const spec = cluster(EKS_BASE, SHARED, { platform: [{ name: 'efs-csi-driver', fileSystem: 'eks-shared-storage' }] });
    const context = clusterContext(spec, REGISTRY);
    expect(context.storageClasses).toEqual([
      {
        name: 'efs',
        provisioner: 'efs.csi.aws.com',
        default: false,
        createdByTerraform: { fileSystem: 'eks-shared-storage', parameters: { provisioningMode: 'efs-ap', directoryPerms: '700' } },
        providedBy: 'efs-csi-driver',
      },
    ]);
    expect([...context.uses.fileSystems]).toEqual([['eks-shared-storage', ['efs-csi-driver']]]);
    expect(plansOf(spec).find((p) => p.name === 'efs-csi-driver')!.manifests).toEqual([]);
  });

  it('declares no StorageClass and uses no file system without one named', () => {
    const context = clusterContext(cluster(EKS_BASE, { platform: [{ name: 'efs-csi-driver' }] }), REGISTRY);
    expect(context.storageClasses).toEqual([]);
    expect(context.uses.fileSystems.size).toBe(0);
    expect(context.awsWorkload('efs-csi-driver')?.serviceAccounts).toEqual(['kube-system:efs-csi-controller-sa']);
  });

  it('rejects a file system that cloud.fileSystems does not declare, naming those it does', () => {
    expect(issues(EKS_BASE, SHARED, { platform: [{ name: 'efs-csi-driver', fileSystem: 'shared' }] })).toEqual([
      'clusters/test.ts [cluster test-eks] /platform/1/fileSystem: got "shared"; allowed: the name of a file system in cloud.fileSystems: eks-shared-storage',
    ]);
    expect(issues(EKS_BASE, { platform: [{ name: 'efs-csi-driver', fileSystem: 'shared' }] })).toEqual([
      'clusters/test.ts [cluster test-eks] /platform/1/fileSystem: got "shared"; allowed: the name of a file system in cloud.fileSystems, which declares none',
    ]);
  });

  it('rejects the file system id the option took before, pointing at the name', () => {
    expect(issues(EKS_BASE, SHARED, { platform: [{ name: 'efs-csi-driver', fileSystemId: 'fs-0123456789abcdef0' } as never] })[0]).toMatch(
      /\/platform\/1\/fileSystemId: got "fs-0123456789abcdef0"; allowed: did you mean "fileSystem"\?/,
    );
  });
});
