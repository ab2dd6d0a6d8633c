import { describe, expect, it } from 'vitest';
import { kubernetesStorageClass } from '../src/kubernetes-storage-class.js';
import { render } from './helpers.js';

const EFS = {
  name: 'efs',
  provisioner: 'efs.csi.aws.com',
  default: false,
  providedBy: 'efs-csi-driver',
  createdByTerraform: { fileSystem: 'eks-shared-storage', parameters: { provisioningMode: 'efs-ap', directoryPerms: '700' } },
};

describe('kubernetesStorageClass', () => {
  it("writes seed 003's efs class with its own parameters and the file system's id, every field spelt out", () => {
    const { resource, problems } = render((stack) => {
      const fs = stack.resource('aws_efs_file_system', 'eks_shared_storage', { creation_token: 'eks-shared-storage', encrypted: true });
      return kubernetesStorageClass(stack, { storageClass: EFS, parameters: { fileSystemId: fs.id } });
    });
    expect(resource('kubernetes_storage_class_v1')).toEqual({
      efs: {
        metadata: { name: 'efs' },
        storage_provisioner: 'efs.csi.aws.com',
        parameters: { provisioningMode: 'efs-ap', directoryPerms: '700', fileSystemId: '${aws_efs_file_system.eks_shared_storage.id}' },
        reclaim_policy: 'Delete',
        volume_binding_mode: 'Immediate',
        allow_volume_expansion: false,
      },
    });
    expect(problems).toEqual([]);
  });

  it('marks a default class with the annotation Kubernetes reads', () => {
    const { resource } = render((stack) => {
      const fs = stack.resource('aws_efs_file_system', 'shared', { creation_token: 'shared', encrypted: true });
      return kubernetesStorageClass(stack, { storageClass: { ...EFS, name: 'shared', default: true }, parameters: { fileSystemId: fs.id } });
    });
    expect(resource('kubernetes_storage_class_v1').shared.metadata).toEqual({ name: 'shared', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } });
  });
});
