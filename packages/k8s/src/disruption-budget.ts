import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/** Seed 002 gives both forms: at least half the replicas stay, or at most one goes at a time. */
export type DisruptionBudget = { readonly minAvailable: number | string } | { readonly maxUnavailable: number | string };

export interface DisruptionBudgetProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly podSelector: Readonly<Record<string, string>>;
  readonly budget: DisruptionBudget;
}

const intOrString = (v: number | string): k8s.IntOrString => (typeof v === 'number' ? k8s.IntOrString.fromNumber(v) : k8s.IntOrString.fromString(v));

/** A PodDisruptionBudget, so node drains (Karpenter consolidation, upgrades) keep the workload up. */
export class PodDisruptionBudget extends Construct {
  constructor(scope: Construct, id: string, props: DisruptionBudgetProps) {
    super(scope, id);
    const budget = 'minAvailable' in props.budget ? { minAvailable: intOrString(props.budget.minAvailable) } : { maxUnavailable: intOrString(props.budget.maxUnavailable) };
    new k8s.KubePodDisruptionBudget(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: { ...props.labels } },
      spec: { selector: { matchLabels: { ...props.podSelector } }, ...budget },
    });
  }
}
