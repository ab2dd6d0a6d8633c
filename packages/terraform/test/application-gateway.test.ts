import { describe, expect, it } from 'vitest';
import { applicationGateway } from '../src/application-gateway.js';
import { render } from './helpers.js';

describe('applicationGateway', () => {
  it('renders seed 000: Standard_v2 on a static public IP with AppGwSslPolicy20220101 and a custom probe', () => {
    const { resource, problems } = render((stack) => {
      const group = stack.resource('azurerm_resource_group', 'main', { name: 'rg', location: 'eastus' });
      const subnet = stack.resource('azurerm_subnet', 'app_gateway', { name: 'snet' });
      return applicationGateway(stack, { name: 'rocketchat-aks', location: 'eastus', resourceGroupName: group.attr('name'), subnetId: subnet.id, backendPort: 3000, healthProbePath: '/api/v1/info' });
    });
    expect(resource('azurerm_public_ip').app_gateway).toMatchObject({ allocation_method: 'Static', sku: 'Standard' });
    const gateway = resource('azurerm_application_gateway').main;
    expect(gateway).toMatchObject({
      sku: { name: 'Standard_v2', tier: 'Standard_v2' },
      autoscale_configuration: { min_capacity: 1, max_capacity: 2 },
      ssl_policy: { policy_type: 'Predefined', policy_name: 'AppGwSslPolicy20220101' },
      gateway_ip_configuration: { subnet_id: '${azurerm_subnet.app_gateway.id}' },
      frontend_ip_configuration: { public_ip_address_id: '${azurerm_public_ip.app_gateway.id}' },
      probe: { path: '/api/v1/info', protocol: 'Http' },
      backend_http_settings: { port: 3000, probe_name: 'backend-health' },
    });
    // Sub-blocks refer to each other by name: the rule must name the listener, pool and settings declared.
    expect(gateway.request_routing_rule).toMatchObject({
      http_listener_name: gateway.http_listener.name,
      backend_address_pool_name: gateway.backend_address_pool.name,
      backend_http_settings_name: gateway.backend_http_settings.name,
      priority: 100,
    });
    expect(problems).toEqual([]);
  });
});
