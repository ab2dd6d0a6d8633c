import { withDefaults } from './defaults.js';
import { CLOUD_DEFAULTS } from '@wavesmith/model';
import type { Ref } from './expression.js';
import type { Resource, Stack } from './stack.js';

export interface ApplicationGatewayProps {
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: Ref<'azurerm_resource_group'>;
  /** The dedicated app-gateway subnet. */
  readonly subnetId: Ref<'azurerm_subnet'>;
  /** @default 1 */
  readonly minCapacity?: number;
  /** @default 2 */
  readonly maxCapacity?: number;
  /** @default 80 */
  readonly backendPort?: number;
  /** @default / */
  readonly healthProbePath?: string;
  /** Private IPs of the backend. @default none */
  readonly backendAddresses?: readonly string[];
  /**
   * The AGIC add-on rewrites listeners, pools, probes and rules from the cluster's Ingresses:
   * Terraform only creates them, as Azure/terraform-azurerm-aks 11.5.0
   * examples/application_gateway_ingress does, plus the ports, certificates and redirects AGIC
   * adds for HTTPS Ingresses. @default false
   */
  readonly programmedByIngressController?: boolean;
}

/** Blocks AGIC owns once it runs. */
const INGRESS_CONTROLLER_BLOCKS = [
  'tags',
  'backend_address_pool',
  'backend_http_settings',
  'frontend_port',
  'http_listener',
  'probe',
  'redirect_configuration',
  'request_routing_rule',
  'rewrite_rule_set',
  'ssl_certificate',
  'url_path_map',
];

/** Names of the gateway's sub-blocks, which refer to each other by name. */
const N = {
  ip: 'gateway-ip',
  frontendIp: 'public',
  frontendPort: 'http',
  pool: 'backend',
  settings: 'backend-http',
  probe: 'backend-health',
  listener: 'http',
  rule: 'http-to-backend',
} as const;

/**
 * An autoscaling Application Gateway v2 (Standard_v2) on a static Standard public IP, with
 * the modern TLS policy, routing HTTP to the backend pool with a custom health probe.
 */
export function applicationGateway(stack: Stack, props: ApplicationGatewayProps): Resource<'azurerm_application_gateway'> {
  const p = withDefaults(CLOUD_DEFAULTS.applicationGateway, props);
  const ip = stack.resource('azurerm_public_ip', 'app_gateway', {
    name: `pip-${props.name}-agw`,
    location: props.location,
    resource_group_name: props.resourceGroupName,
    allocation_method: 'Static',
    sku: 'Standard',
  });
  return stack.resource(
    'azurerm_application_gateway',
    'main',
    {
      name: `agw-${props.name}`,
      location: props.location,
      resource_group_name: props.resourceGroupName,
      sku: { name: 'Standard_v2', tier: 'Standard_v2' },
      autoscale_configuration: { min_capacity: p.minCapacity, max_capacity: p.maxCapacity },
      ssl_policy: { policy_type: 'Predefined', policy_name: 'AppGwSslPolicy20220101' },
      gateway_ip_configuration: { name: N.ip, subnet_id: props.subnetId },
      frontend_ip_configuration: { name: N.frontendIp, public_ip_address_id: ip.id },
      frontend_port: { name: N.frontendPort, port: 80 },
      backend_address_pool: { name: N.pool, ip_addresses: p.backendAddresses.length > 0 ? p.backendAddresses : undefined },
      probe: {
        name: N.probe,
        protocol: 'Http',
        path: p.healthProbePath,
        interval: 30,
        timeout: 30,
        unhealthy_threshold: 3,
        pick_host_name_from_backend_http_settings: true,
        match: { status_code: ['200-399'] },
      },
      backend_http_settings: {
        name: N.settings,
        cookie_based_affinity: 'Disabled',
        port: p.backendPort,
        protocol: 'Http',
        request_timeout: 60,
        probe_name: N.probe,
        pick_host_name_from_backend_address: true,
      },
      http_listener: { name: N.listener, frontend_ip_configuration_name: N.frontendIp, frontend_port_name: N.frontendPort, protocol: 'Http' },
      request_routing_rule: {
        name: N.rule,
        priority: 100,
        rule_type: 'Basic',
        http_listener_name: N.listener,
        backend_address_pool_name: N.pool,
        backend_http_settings_name: N.settings,
      },
    },
    { ignoreChanges: props.programmedByIngressController ? INGRESS_CONTROLLER_BLOCKS : undefined },
  );
}
