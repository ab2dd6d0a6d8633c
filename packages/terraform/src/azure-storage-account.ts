import { withDefaults } from './defaults.js';
import { CLOUD_DEFAULTS } from '@wavesmith/model';
import type { Ref } from './expression.js';
import type { Resource, Stack } from './stack.js';
import { tfName } from './names.js';

export interface AzureStorageAccountProps {
  /** Global account name (storageAccountName). */
  readonly accountName: string;
  readonly location: string;
  readonly resourceGroupName: Ref<'azurerm_resource_group'>;
  readonly containers: readonly string[];
  /** @default LRS */
  readonly replication?: 'LRS' | 'ZRS' | 'GRS' | 'GZRS';
  /** Soft delete of blobs and containers. @default 7 */
  readonly deleteRetentionDays?: number;
}

/** A private StorageV2 account with blob versioning and soft delete, TLS 1.2 and HTTPS only, and private containers. */
export function azureStorageAccount(stack: Stack, id: string, props: AzureStorageAccountProps): Resource<'azurerm_storage_account'> {
  const p = withDefaults(CLOUD_DEFAULTS.storageAccount, props);
  const account = stack.resource('azurerm_storage_account', tfName(id), {
    name: props.accountName,
    location: props.location,
    resource_group_name: props.resourceGroupName,
    account_kind: 'StorageV2',
    account_tier: 'Standard',
    account_replication_type: p.replication,
    min_tls_version: 'TLS1_2',
    https_traffic_only_enabled: true,
    allow_nested_items_to_be_public: false,
    blob_properties: {
      versioning_enabled: true,
      delete_retention_policy: { days: p.deleteRetentionDays },
      container_delete_retention_policy: { days: p.deleteRetentionDays },
    },
  });
  for (const container of props.containers) {
    stack.resource('azurerm_storage_container', tfName(id, container), { name: container, storage_account_id: account.id, container_access_type: 'private' });
  }
  return account;
}
