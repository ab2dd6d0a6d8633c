import { describe, expect, it } from 'vitest';
import { azureStorageAccount } from '../src/azure-storage-account.js';
import { render } from './helpers.js';

describe('azureStorageAccount', () => {
  it('creates a private StorageV2 account with blob versioning, soft delete and private containers', () => {
    const { resource, problems } = render((stack) => {
      const group = stack.resource('azurerm_resource_group', 'main', { name: 'rg', location: 'eastus' });
      return azureStorageAccount(stack, 'files', { accountName: 'rocketchataksfiles', location: 'eastus', resourceGroupName: group.attr('name'), containers: ['rocketchat-aks-rocketchat-uploads'] });
    });
    expect(resource('azurerm_storage_account').files).toMatchObject({
      name: 'rocketchataksfiles',
      account_replication_type: 'LRS',
      min_tls_version: 'TLS1_2',
      https_traffic_only_enabled: true,
      allow_nested_items_to_be_public: false,
      blob_properties: { versioning_enabled: true, delete_retention_policy: { days: 7 }, container_delete_retention_policy: { days: 7 } },
    });
    expect(resource('azurerm_storage_container').files_rocketchat_aks_rocketchat_uploads).toEqual({
      name: 'rocketchat-aks-rocketchat-uploads',
      storage_account_id: '${azurerm_storage_account.files.id}',
      container_access_type: 'private',
    });
    expect(problems).toEqual([]);
  });
});
