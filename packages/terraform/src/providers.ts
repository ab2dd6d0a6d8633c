import { terraformStateLocation, type ClusterSpec } from '@wavesmith/model';
import type { Stack } from './stack.js';

/**
 * The state backend (S3 with native locking, or an Azure storage container) and the provider
 * of the cluster's cloud, tagging everything AWS creates with the cluster and environment.
 */
export function configureProviders(stack: Stack, spec: ClusterSpec): void {
  const state = terraformStateLocation(spec);
  if (state.backend === 's3') {
    stack.backend('s3', { bucket: state.bucket, key: state.key, region: state.region, encrypt: true, use_lockfile: true });
    stack.provider('aws', {
      region: spec.provider.region,
      allowed_account_ids: spec.provider.accountId === undefined ? undefined : [spec.provider.accountId],
      default_tags: { tags: { cluster: spec.name, environment: spec.environment, 'managed-by': 'wavesmith' } },
    });
  } else {
    stack.backend('azurerm', {
      resource_group_name: state.resourceGroupName,
      storage_account_name: state.storageAccountName,
      container_name: state.containerName,
      key: state.key,
      use_azuread_auth: true,
    });
    stack.provider('azurerm', { features: {}, subscription_id: spec.provider.subscriptionId });
  }
}
