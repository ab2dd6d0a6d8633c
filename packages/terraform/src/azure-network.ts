import type { SubnetSpec } from '@wavesmith/model';
import type { Ref } from './expression.js';
import type { Resource, Stack } from './stack.js';
import { tfName } from './names.js';

export interface AzureNetworkProps {
  /** Prefix of names (the cluster name). */
  readonly name: string;
  readonly resourceGroupName: Ref<'azurerm_resource_group'>;
  readonly location: string;
  readonly cidr: string;
  readonly subnets: readonly SubnetSpec[];
}

export interface AzureSubnet {
  readonly spec: SubnetSpec;
  readonly subnet: Resource<'azurerm_subnet'>;
}

export interface AzureNetwork {
  readonly vnet: Resource<'azurerm_virtual_network'>;
  readonly subnets: readonly AzureSubnet[];
}

interface NsgRule {
  readonly name: string;
  readonly priority: number;
  readonly ports: readonly string[];
  readonly source: string | readonly string[];
  /** @default Tcp */
  readonly protocol?: 'Tcp' | 'Udp' | '*';
}

/** Application Gateway v2 needs its infrastructure ports from GatewayManager and probes from AzureLoadBalancer. */
const GATEWAY_RULES: readonly NsgRule[] = [
  { name: 'allow-gateway-manager', priority: 100, ports: ['65200-65535'], source: 'GatewayManager' },
  { name: 'allow-azure-load-balancer', priority: 110, ports: ['*'], source: 'AzureLoadBalancer', protocol: '*' },
  { name: 'allow-web', priority: 120, ports: ['80', '443'], source: 'Internet' },
];

/**
 * A VNet with a subnet and a network security group per spec subnet. Azure's default rules
 * already deny inbound traffic from the internet; only the gateway subnet opens web ports.
 */
export function azureNetwork(stack: Stack, props: AzureNetworkProps): AzureNetwork {
  const location = props.location;
  const vnet = stack.resource('azurerm_virtual_network', 'main', {
    name: `vnet-${props.name}`,
    location,
    resource_group_name: props.resourceGroupName,
    address_space: [props.cidr],
  });
  const subnets = props.subnets.map((spec) => {
    const id = tfName(spec.name);
    const subnet = stack.resource('azurerm_subnet', id, {
      name: `snet-${spec.name}`,
      resource_group_name: props.resourceGroupName,
      virtual_network_name: vnet.attr('name'),
      address_prefixes: [spec.cidr],
    });
    const rules = spec.role === 'app-gateway' ? GATEWAY_RULES : [];
    const nsg = stack.resource('azurerm_network_security_group', id, { name: `nsg-${props.name}-${spec.name}`, location, resource_group_name: props.resourceGroupName });
    rules.forEach((rule) => {
      const sources = typeof rule.source === 'string' ? { source_address_prefix: rule.source } : { source_address_prefixes: rule.source };
      stack.resource('azurerm_network_security_rule', tfName(spec.name, rule.name), {
        name: rule.name,
        priority: rule.priority,
        direction: 'Inbound',
        access: 'Allow',
        protocol: rule.protocol ?? 'Tcp',
        source_port_range: '*',
        ...(rule.ports.length === 1 ? { destination_port_range: rule.ports[0] } : { destination_port_ranges: rule.ports }),
        ...sources,
        destination_address_prefix: '*',
        resource_group_name: props.resourceGroupName,
        network_security_group_name: nsg.attr('name'),
      });
    });
    stack.resource('azurerm_subnet_network_security_group_association', id, { subnet_id: subnet.id, network_security_group_id: nsg.id });
    return { spec, subnet };
  });
  return { vnet, subnets };
}
