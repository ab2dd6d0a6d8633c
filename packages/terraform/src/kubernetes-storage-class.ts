import type { StorageClassInfo } from '@wavesmith/model';
import type { Expression } from './expression.js';
import { tfName } from './names.js';
import type { Resource, Stack } from './stack.js';

export interface KubernetesStorageClassProps {
  /** The class as the cluster's context declares it. */
  readonly storageClass: StorageClassInfo;
  /** Parameters only Terraform knows, added to the class's own (`fileSystemId`). */
  readonly parameters: Readonly<Record<string, Expression>>;
}

/**
 * A StorageClass written by Terraform through the kubernetes provider (v3 kubernetes_storage_class_v1),
 * for a class whose parameters name a cloud resource's id. The provider's defaults differ from
 * the API's (volume expansion on), so every field is written out.
 */
export function kubernetesStorageClass(stack: Stack, props: KubernetesStorageClassProps): Resource<'kubernetes_storage_class_v1'> {
  const { storageClass } = props;
  return stack.resource('kubernetes_storage_class_v1', tfName(storageClass.name), {
    metadata: {
      name: storageClass.name,
      annotations: storageClass.default ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : undefined,
    },
    storage_provisioner: storageClass.provisioner,
    parameters: { ...storageClass.createdByTerraform?.parameters, ...props.parameters },
    reclaim_policy: 'Delete',
    volume_binding_mode: 'Immediate',
    allow_volume_expansion: false,
  });
}
