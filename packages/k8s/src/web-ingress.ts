import type { IngressController } from '@wavesmith/model';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { renderRule, type NetworkPeer } from './network-rules.js';

/** Namespace of the ingress-nginx controller. */
export const INGRESS_NGINX_NAMESPACE = 'ingress-nginx';

export interface WebIngressProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly host: string;
  readonly serviceName: string;
  /** Name of the Service port traffic goes to. */
  readonly servicePort: string;
  readonly controller: IngressController;
  /** Path the load balancer health-checks (ALB target group or Application Gateway probe). @default the controller's default */
  readonly healthCheckPath?: string;
  /** cert-manager ClusterIssuer that issues the host's certificate; no TLS section without it. */
  readonly clusterIssuer?: string;
}

function controllerAnnotations(props: WebIngressProps): Record<string, string> {
  switch (props.controller) {
    case 'nginx':
      return {};
    case 'alb':
      return {
        'alb.ingress.kubernetes.io/scheme': 'internet-facing',
        // Pods are registered directly, which is what makes the policy's ipBlock peers right.
        'alb.ingress.kubernetes.io/target-type': 'ip',
        ...(props.healthCheckPath ? { 'alb.ingress.kubernetes.io/healthcheck-path': props.healthCheckPath } : {}),
      };
    case 'azure-application-gateway':
      return props.healthCheckPath ? { 'appgw.ingress.kubernetes.io/health-probe-path': props.healthCheckPath } : {};
  }
}

/**
 * Where an ingress controller's traffic to the pods comes from, for the workload's NetworkPolicy:
 * ingress-nginx pods, or the load balancer's subnets (ALB and Application Gateway reach pod IPs directly).
 */
export function ingressControllerPeers(controller: IngressController, loadBalancerCidrs: readonly string[] = []): NetworkPeer[] {
  if (controller === 'nginx') return [{ namespace: INGRESS_NGINX_NAMESPACE }];
  if (loadBalancerCidrs.length === 0) {
    throw new Error(`ingress controller "${controller}": loadBalancerCidrs = [] is not allowed; allowed: the CIDRs of the subnets the load balancer runs in`);
  }
  return loadBalancerCidrs.map((cidr) => ({ cidr }));
}

/** Label cert-manager puts on its HTTP-01 solver pods, and the port they answer challenges on. */
export const HTTP01_SOLVER_LABELS: Readonly<Record<string, string>> = { 'acme.cert-manager.io/http01-solver': 'true' };
export const HTTP01_SOLVER_PORT = 8089;

/**
 * An Ingress for nginx, the AWS Load Balancer Controller (ALB) or the Application Gateway Ingress Controller.
 * With a cert-manager issuer behind nginx, it also admits ingress-nginx to the HTTP-01 solver pods
 * cert-manager starts in the namespace, which its default-deny policy would otherwise cut off.
 */
export class WebIngress extends Construct {
  constructor(scope: Construct, id: string, props: WebIngressProps) {
    super(scope, id);
    const annotations = {
      ...controllerAnnotations(props),
      ...(props.clusterIssuer ? { 'cert-manager.io/cluster-issuer': props.clusterIssuer } : {}),
    };
    new k8s.KubeIngress(this, 'Resource', {
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: { ...props.labels },
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      },
      spec: {
        ingressClassName: props.controller,
        ...(props.clusterIssuer ? { tls: [{ hosts: [props.host], secretName: `${props.name}-tls` }] } : {}),
        rules: [
          {
            host: props.host,
            http: {
              paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: props.serviceName, port: { name: props.servicePort } } } }],
            },
          },
        ],
      },
    });
    if (props.clusterIssuer && props.controller === 'nginx') {
      const from = renderRule({ peers: ingressControllerPeers('nginx'), ports: [{ port: HTTP01_SOLVER_PORT }] }, `ingress "${props.name}"`);
      new k8s.KubeNetworkPolicy(this, 'Http01Solver', {
        metadata: { name: `${props.name}-acme-http01-solver`, namespace: props.namespace, labels: { ...props.labels } },
        spec: {
          podSelector: { matchLabels: { ...HTTP01_SOLVER_LABELS } },
          policyTypes: ['Ingress'],
          ingress: [{ from: from.peers, ports: from.ports }],
        },
      });
    }
  }
}
