import type { Ref } from './expression.js';
import type { Resource, Stack } from './stack.js';

export interface ApplicationGatewayIngressProps {
  readonly cluster: Resource<'azurerm_kubernetes_cluster'>;
  readonly gateway: Resource<'azurerm_application_gateway'>;
  /** The gateway's own subnet. */
  readonly gatewaySubnetId: Ref<'azurerm_subnet'>;
  /** The resource group holding the gateway. */
  readonly resourceGroupId: Ref<'azurerm_resource_group'>;
}

/**
 * What the AGIC add-on's identity (AKS creates it with the add-on) needs on a gateway Terraform
 * made: Contributor on the gateway and Reader on its resource group (the permissions AGIC names
 * when it is refused: Azure/application-gateway-kubernetes-ingress 1.9.8
 * docs/troubleshootings/troubleshooting-agic-addon-identity-not-found.md, and
 * Azure/terraform-azurerm-aks 11.5.0 role_assignments.tf), and Network Contributor on the
 * gateway's subnet for subnets/join/action, which Azure checks whenever AGIC updates the gateway.
 */
export function applicationGatewayIngress(stack: Stack, props: ApplicationGatewayIngressProps): void {
  const principal = props.cluster.attr('ingress_application_gateway[0].ingress_application_gateway_identity[0].object_id');
  const grants: readonly { readonly id: string; readonly role: string; readonly scope: Ref }[] = [
    { id: 'agic_gateway', role: 'Contributor', scope: props.gateway.id },
    { id: 'agic_resource_group', role: 'Reader', scope: props.resourceGroupId },
    { id: 'agic_gateway_subnet', role: 'Network Contributor', scope: props.gatewaySubnetId },
  ];
  for (const grant of grants) {
    stack.resource('azurerm_role_assignment', grant.id, { scope: grant.scope, role_definition_name: grant.role, principal_id: principal, principal_type: 'ServicePrincipal' });
  }
}
