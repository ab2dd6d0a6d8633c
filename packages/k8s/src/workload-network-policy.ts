import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { renderRule, type NetworkRule } from './network-rules.js';

export interface WorkloadNetworkPolicyProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Pods the policy applies to. */
  readonly podSelector: Readonly<Record<string, string>>;
  /** Traffic allowed in; everything else stays denied by the namespace's default-deny policy. */
  readonly ingress: readonly NetworkRule[];
  /** Traffic allowed out. */
  readonly egress: readonly NetworkRule[];
}

/**
 * The allow rules of one workload, on top of its namespace's default-deny policy (AppNamespace).
 * Both directions are listed as policy types, so a workload with no rules for one direction stays closed.
 */
export class WorkloadNetworkPolicy extends Construct {
  constructor(scope: Construct, id: string, props: WorkloadNetworkPolicyProps) {
    super(scope, id);
    const where = `NetworkPolicy ${props.namespace}/${props.name}`;
    new k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: { ...props.labels } },
      spec: {
        podSelector: { matchLabels: { ...props.podSelector } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: props.ingress.map((rule) => {
          const { peers, ports } = renderRule(rule, where);
          return { from: peers, ports };
        }),
        egress: props.egress.map((rule) => {
          const { peers, ports } = renderRule(rule, where);
          return { to: peers, ports };
        }),
      },
    });
  }
}
