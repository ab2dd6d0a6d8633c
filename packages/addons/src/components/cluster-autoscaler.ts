import { kubernetesMinorOf, StringEnum } from '@wavesmith/model';
import { defineComponent, pinnedChart } from '../component.js';
import facts from '../facts/cluster-autoscaler@9.47.0.json' with { type: 'json' };

const NAMESPACE = 'kube-system';
const EXPANDERS = ['least-waste', 'random', 'most-pods', 'priority'] as const;

/** Scales the managed node groups, found by the cluster's auto-discovery tags (seeds 000 and 003). */
export const clusterAutoscaler = defineComponent({
  name: 'cluster-autoscaler',
  description: 'The Cluster Autoscaler, scaling EKS managed node groups found by their auto-discovery tags.',
  tier: 'core',
  namespace: NAMESPACE,
  chart: pinnedChart('https://kubernetes.github.io/autoscaler', facts),
  options: { expander: StringEnum(EXPANDERS, { default: 'least-waste', description: 'How a node group is chosen to scale up.' }) },
  // It scales Auto Scaling groups with an IAM role bound to its service account (IRSA), which only EKS provides.
  support: { distributions: ['eks'] },
  // Upstream releases one autoscaler per Kubernetes minor and advises against mixing them: it
  // simulates the scheduler of its own minor (chart README at cluster-autoscaler-chart-9.47.0).
  rules: (_entry, context, report) => {
    const meant = kubernetesMinorOf(facts.appVersion);
    const cluster = kubernetesMinorOf(context.spec.kubernetesVersion);
    if (cluster !== meant) {
      report('/name', 'cluster-autoscaler', `a Kubernetes ${meant} cluster: chart ${facts.version} runs Cluster Autoscaler ${facts.appVersion}, meant for ${meant} only, and this cluster runs ${context.spec.kubernetesVersion}`);
    }
  },
  provides: () => ({ awsWorkloads: [{ name: 'cluster-autoscaler', serviceAccounts: [`${NAMESPACE}:cluster-autoscaler`] }] }),
  plan: (ctx) =>
    ctx.chartPlan({
      values: {
        cloudProvider: 'aws',
        awsRegion: ctx.cluster.spec.provider.region,
        autoDiscovery: { clusterName: ctx.cluster.spec.name },
        extraArgs: { expander: ctx.entry.expander, 'balance-similar-node-groups': true },
        rbac: { serviceAccount: { create: true, name: 'cluster-autoscaler', annotations: ctx.irsaAnnotations('cluster-autoscaler') } },
      },
    }),
});
