import { describe, expect, it } from 'vitest';
import { azureNetwork } from '../src/azure-network.js';
import { render } from './helpers.js';

const renderVnet = () =>
  render((stack) => {
    const group = stack.resource('azurerm_resource_group', 'main', { name: 'rg-rocketchat-aks', location: 'eastus' });
    return azureNetwork(stack, {
      name: 'rocketchat-aks',
      resourceGroupName: group.attr('name'),
      location: 'eastus',
      cidr: '10.0.0.0/16',
      subnets: [
        { name: 'aks-nodes', cidr: '10.0.1.0/24', role: 'private' },
        { name: 'app-gateway', cidr: '10.0.2.0/24', role: 'app-gateway' },
      ],
    });
  });

describe('azureNetwork', () => {
  it('renders seed 000: VNet 10.0.0.0/16 with the AKS subnet 10.0.1.0/24 and the gateway subnet 10.0.2.0/24', () => {
    const { resource, problems } = renderVnet();
    expect(resource('azurerm_virtual_network').main).toMatchObject({ name: 'vnet-rocketchat-aks', address_space: ['10.0.0.0/16'] });
    expect(resource('azurerm_subnet').aks_nodes.address_prefixes).toEqual(['10.0.1.0/24']);
    expect(resource('azurerm_subnet').app_gateway.address_prefixes).toEqual(['10.0.2.0/24']);
    expect(Object.keys(resource('azurerm_subnet_network_security_group_association'))).toEqual(['aks_nodes', 'app_gateway']);
    expect(problems).toEqual([]);
  });

  it('opens the gateway subnet to web traffic and to the ports Application Gateway v2 needs, and nothing else', () => {
    const { resource } = renderVnet();
    const rules = Object.values(resource('azurerm_network_security_rule')).map((r: any) => `${r.name} ${r.destination_port_range ?? r.destination_port_ranges.join(',')} from ${r.source_address_prefix}`);
    expect(rules).toEqual(['allow-gateway-manager 65200-65535 from GatewayManager', 'allow-azure-load-balancer * from AzureLoadBalancer', 'allow-web 80,443 from Internet']);
  });
});
