import { withDefaults } from './defaults.js';
import { CLOUD_DEFAULTS, type NodePoolSpec } from '@wavesmith/model';
import type { Body, Ref } from './expression.js';
import type { Resource, Stack } from './stack.js';
import { hostAddress, taintText, tfName } from './names.js';

export interface AksClusterProps {
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: Ref<'azurerm_resource_group'>;
  readonly kubernetesVersion: string;
  readonly subnetId: Ref<'azurerm_subnet'>;
  /** Kubernetes Service range, apart from the VNet. */
  readonly serviceCidr: string;
  /** Who may reach the API server. */
  readonly adminCidrs: readonly string[];
  /** The first pool is the system (default) pool; the others become extra node pools. */
  readonly pools: readonly NodePoolSpec[];
  /** @default Standard */
  readonly skuTier?: 'Free' | 'Standard';
  /** @default 30 */
  readonly logRetentionDays?: number;
  /** Application Gateway the AGIC add-on programs from Ingresses. @default no ingress controller add-on */
  readonly applicationGatewayId?: Ref<'azurerm_application_gateway'>;
}

const OS_SKU: Partial<Record<NodePoolSpec['image'], string>> = { 'ubuntu-22.04': 'Ubuntu', 'azure-linux': 'AzureLinux' };

/**
 * An AKS cluster on Azure CNI with an autoscaling system pool, the API limited to admin
 * ranges, container insights (oms_agent) sending to a Log Analytics workspace, and the Blob CSI
 * driver for volumes backed by Blob containers, and the Application Gateway Ingress Controller
 * add-on when a gateway is given.
 */
export function aksCluster(stack: Stack, props: AksClusterProps): Resource<'azurerm_kubernetes_cluster'> {
  const p = withDefaults(CLOUD_DEFAULTS.aks, props);
  const [system, ...extra] = props.pools;
  if (!system) throw new Error('aksCluster: pools is empty; AKS needs a system node pool');
  const workspace = stack.resource('azurerm_log_analytics_workspace', 'main', {
    name: `log-${props.name}`,
    location: props.location,
    resource_group_name: props.resourceGroupName,
    sku: 'PerGB2018',
    retention_in_days: p.logRetentionDays,
  });
  const cluster = stack.resource(
    'azurerm_kubernetes_cluster',
    'main',
    {
      name: props.name,
      location: props.location,
      resource_group_name: props.resourceGroupName,
      dns_prefix: props.name,
      kubernetes_version: props.kubernetesVersion,
      sku_tier: p.skuTier,
      role_based_access_control_enabled: true,
      default_node_pool: { ...poolArguments(system, props.subnetId), temporary_name_for_rotation: `${aksPoolName(system)}tmp`.slice(0, 12) },
      identity: { type: 'SystemAssigned' },
      network_profile: {
        network_plugin: 'azure',
        network_policy: 'azure',
        load_balancer_sku: 'standard',
        service_cidr: props.serviceCidr,
        dns_service_ip: hostAddress(props.serviceCidr, 10),
      },
      api_server_access_profile: { authorized_ip_ranges: props.adminCidrs },
      oms_agent: { log_analytics_workspace_id: workspace.id, msi_auth_for_monitoring_enabled: true },
      // The managed Blob CSI driver mounts the `files` account's containers (RocketChat uploads).
      storage_profile: { blob_driver_enabled: true },
      // The Application Gateway Ingress Controller as an AKS add-on (azurerm ingress_application_gateway).
      ingress_application_gateway: props.applicationGatewayId ? { gateway_id: props.applicationGatewayId } : undefined,
    },
    // The autoscaler owns the node count once the cluster exists.
    { ignoreChanges: ['default_node_pool[0].node_count'] },
  );
  for (const pool of extra) {
    stack.resource(
      'azurerm_kubernetes_cluster_node_pool',
      tfName(pool.name),
      {
        ...poolArguments(pool, props.subnetId),
        kubernetes_cluster_id: cluster.id,
        mode: 'User',
        priority: pool.capacityType === 'spot' ? 'Spot' : 'Regular',
        node_taints: pool.taints?.map(taintText),
      },
      { ignoreChanges: ['node_count'] },
    );
  }
  return cluster;
}

/** AKS pool names are 1-12 lowercase letters and digits. */
function aksPoolName(pool: NodePoolSpec): string {
  const name = pool.name.replace(/-/g, '');
  if (!/^[a-z][a-z0-9]{0,11}$/.test(name)) throw new Error(`node pool "${pool.name}": AKS pool names are 1 to 12 lowercase letters and digits (without "-": "${name}")`);
  return name;
}

function poolArguments(pool: NodePoolSpec, subnetId: Ref<'azurerm_subnet'>): Body {
  const instanceType = pool.instanceTypes[0]!;
  return {
    name: aksPoolName(pool),
    vm_size: instanceType,
    vnet_subnet_id: subnetId,
    auto_scaling_enabled: true,
    min_count: pool.minSize,
    max_count: pool.maxSize,
    node_count: pool.desiredSize ?? pool.minSize,
    os_disk_size_gb: pool.diskGiB,
    os_sku: OS_SKU[pool.image],
    node_labels: pool.labels,
    // AKS replaces nodes by surging: maxUnavailable nodes are added, drained into and removed at a time.
    upgrade_settings: { max_surge: String(pool.maxUnavailable ?? 1) },
  };
}
