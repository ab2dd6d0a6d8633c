import type { Resource, Stack } from './stack.js';
import { tfName } from './names.js';

/**
 * Lets AKS's managed Blob CSI driver provision and mount containers of a storage account
 * Terraform made. The driver acts as the kubelet identity (it reads the account key "by Azure
 * storage account API directly using kubelet identity": kubernetes-sigs/blob-csi-driver v1.24.3
 * docs/driver-parameters.md), and its controller needs "Storage Account Contributor" and
 * "Storage Blob Data Contributor" (v1.27.9 of the same file), granted on this account only.
 */
export function blobCsiAccess(stack: Stack, cluster: Resource<'azurerm_kubernetes_cluster'>, account: Resource<'azurerm_storage_account'>): void {
  const principal = cluster.attr('kubelet_identity[0].object_id');
  for (const role of ['Storage Account Contributor', 'Storage Blob Data Contributor']) {
    stack.resource('azurerm_role_assignment', tfName('blob_csi', account.name, role.toLowerCase()), {
      scope: account.id,
      role_definition_name: role,
      principal_id: principal,
      principal_type: 'ServicePrincipal',
    });
  }
}
