import { StringEnum, type AwsWorkloadInfo } from '@wavesmith/model';
import { defineComponent, pinnedChart } from '../component.js';
import { Replicas } from '../options.js';
import facts from '../facts/aws-load-balancer-controller@1.12.0.json' with { type: 'json' };

const NAMESPACE = 'kube-system';
const SERVICE_ACCOUNT = 'aws-load-balancer-controller';
const IDENTITIES = ['irsa', 'pod-identity'] as const satisfies readonly NonNullable<AwsWorkloadInfo['identity']>[];

/** Provisions ALBs and NLBs for Ingresses and Services (Officeless platform, seed 003: chart 1.12.0 in kube-system). */
export const awsLoadBalancerController = defineComponent({
  name: 'aws-load-balancer-controller',
  description: 'The AWS Load Balancer Controller: ALBs for Ingresses of class `alb`, NLBs for Services.',
  tier: 'core',
  namespace: NAMESPACE,
  chart: pinnedChart('https://aws.github.io/eks-charts', facts),
  options: {
    replicas: Replicas(1, 2, 2),
    identity: StringEnum(IDENTITIES, {
      default: 'irsa',
      description: 'How the controller gets its IAM role: IRSA (a role annotation on its service account) or EKS Pod Identity (an association Terraform creates; seed 003).',
    }),
  },
  installsCrds: ['elbv2.k8s.aws/TargetGroupBinding', 'elbv2.k8s.aws/IngressClassParams'],
  // It calls the ELB and EC2 APIs with an IAM role bound to its service account (IRSA or Pod Identity), which only EKS provides.
  support: { distributions: ['eks'] },
  provides: (entry) => ({
    ingressClasses: [{ name: 'alb', controller: 'alb' }],
    awsWorkloads: [{ name: 'aws-load-balancer-controller', serviceAccounts: [`${NAMESPACE}:${SERVICE_ACCOUNT}`], identity: entry.identity }],
  }),
  plan: (ctx) =>
    ctx.chartPlan({
      values: {
        clusterName: ctx.cluster.spec.name,
        region: ctx.cluster.spec.provider.region,
        replicaCount: ctx.cluster.replicas(ctx.entry.replicas),
        // With Pod Identity the agent hands out the role's credentials; an IRSA annotation would put web identity
        // credentials first in the SDK's chain (EKS user guide, pod-id-minimum-sdk), which the role does not trust.
        serviceAccount: { create: true, name: SERVICE_ACCOUNT, annotations: ctx.entry.identity === 'irsa' ? ctx.irsaAnnotations('aws-load-balancer-controller') : {} },
      },
    }),
});
