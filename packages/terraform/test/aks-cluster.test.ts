import { describe, expect, it } from 'vitest';
import { aksCluster } from '../src/aks-cluster.js';
import { hostAddress } from '../src/names.js';
import { render } from './helpers.js';

const renderAks = () =>
  render((stack) => {
    const group = stack.resource('azurerm_resource_group', 'main', { name: 'rg', location: 'eastus' });
    const subnet = stack.resource('azurerm_subnet', 'aks_nodes', { name: 'snet' });
    return aksCluster(stack, {
      name: 'rocketchat-aks',
      location: 'eastus',
      resourceGroupName: group.attr('name'),
      kubernetesVersion: '1.31.11',
      subnetId: subnet.id,
      serviceCidr: '10.1.0.0/16',
      adminCidrs: ['203.0.113.0/24'],
      pools: [
        { name: 'general', instanceTypes: ['Standard_B2s'], image: 'ubuntu-22.04', minSize: 2, maxSize: 4, desiredSize: 2, diskGiB: 64 },
        { name: 'batch', instanceTypes: ['Standard_D4s_v5'], image: 'azure-linux', capacityType: 'spot', minSize: 0, maxSize: 3, diskGiB: 64, taints: [{ key: 'batch', effect: 'NoSchedule' }] },
      ],
    });
  });

describe('aksCluster', () => {
  it('renders seed 000: AKS 1.31.11 on Azure CNI, Standard_B2s autoscaling 2 to 4, Services in 10.1.0.0/16', () => {
    const { resource, problems } = renderAks();
    const aks = resource('azurerm_kubernetes_cluster').main;
    expect(aks).toMatchObject({
      kubernetes_version: '1.31.11',
      default_node_pool: { name: 'general', vm_size: 'Standard_B2s', auto_scaling_enabled: true, min_count: 2, max_count: 4, os_disk_size_gb: 64, vnet_subnet_id: '${azurerm_subnet.aks_nodes.id}' },
      network_profile: { network_plugin: 'azure', service_cidr: '10.1.0.0/16', dns_service_ip: '10.1.0.10' },
      api_server_access_profile: { authorized_ip_ranges: ['203.0.113.0/24'] },
      identity: { type: 'SystemAssigned' },
    });
    expect(problems).toEqual([]);
  });

  it('sends container insights to a Log Analytics workspace', () => {
    const { resource } = renderAks();
    expect(resource('azurerm_log_analytics_workspace').main).toMatchObject({ sku: 'PerGB2018', retention_in_days: 30 });
    expect(resource('azurerm_kubernetes_cluster').main.oms_agent.log_analytics_workspace_id).toBe('${azurerm_log_analytics_workspace.main.id}');
  });

  it('enables the managed Blob CSI driver, which mounts upload containers as volumes', () => {
    const { resource } = renderAks();
    expect(resource('azurerm_kubernetes_cluster').main.storage_profile).toEqual({ blob_driver_enabled: true });
  });

  it('adds further pools as user node pools with spot priority and taints', () => {
    const { resource } = renderAks();
    expect(resource('azurerm_kubernetes_cluster_node_pool').batch).toMatchObject({
      name: 'batch',
      mode: 'User',
      priority: 'Spot',
      os_sku: 'AzureLinux',
      node_taints: ['batch:NoSchedule'],
      kubernetes_cluster_id: '${azurerm_kubernetes_cluster.main.id}',
    });
  });

  it('computes the cluster DNS address inside the Service range and rejects a non-CIDR', () => {
    expect(hostAddress('172.20.0.0/16', 10)).toBe('172.20.0.10');
    expect(() => hostAddress('10.1.0.5/16', 10)).toThrow('"10.1.0.5/16" is not an IPv4 CIDR block');
  });
});
