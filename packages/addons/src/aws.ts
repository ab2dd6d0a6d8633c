import type { ComponentPlan } from '@wavesmith/model';
import type { KubeObject } from '@wavesmith/model';
import { CHARTS } from './charts.js';
import { chartPlan, manifestPlan, type AddonContext } from './plan.js';

const NAMESPACE = 'kube-system';

/** Provisions ALBs and NLBs for Ingresses and Services (seed 003: chart 1.12.0 in kube-system). */
export function awsLoadBalancerController(ctx: AddonContext): ComponentPlan {
  const options = ctx.options('aws-load-balancer-controller');
  return chartPlan({
    name: 'aws-load-balancer-controller',
    tier: 'core',
    namespace: NAMESPACE,
    chart: CHARTS.awsLoadBalancerController,
    values: {
      clusterName: ctx.spec.name,
      region: ctx.spec.provider.region,
      replicaCount: ctx.replicas(options),
      serviceAccount: { create: true, name: 'aws-load-balancer-controller', annotations: ctx.irsaAnnotations('aws-load-balancer-controller') },
    },
    overrides: options.values,
    installsCrds: ['elbv2.k8s.aws/TargetGroupBinding', 'elbv2.k8s.aws/IngressClassParams'],
  });
}

/** Scales the managed node groups, found by the cluster's auto-discovery tags. */
export function clusterAutoscaler(ctx: AddonContext): ComponentPlan {
  const options = ctx.options('cluster-autoscaler');
  return chartPlan({
    name: 'cluster-autoscaler',
    tier: 'core',
    namespace: NAMESPACE,
    chart: CHARTS.clusterAutoscaler,
    values: {
      cloudProvider: 'aws',
      awsRegion: ctx.spec.provider.region,
      autoDiscovery: { clusterName: ctx.spec.name },
      extraArgs: { expander: options.expander, 'balance-similar-node-groups': true },
      rbac: { serviceAccount: { create: true, name: 'cluster-autoscaler', annotations: ctx.irsaAnnotations('cluster-autoscaler') } },
    },
    overrides: options.values,
  });
}

/**
 * The encrypted, expandable, zone-aware `ebs-gp3` StorageClass. The driver itself is the EKS
 * managed add-on `aws-ebs-csi-driver` that Terraform installs (seed 003 pins its version), so
 * no chart is synced here: installing both would fight over the same controller.
 */
export function ebsCsiDriver(ctx: AddonContext): ComponentPlan {
  const options = ctx.options('ebs-csi-driver');
  const storageClass: KubeObject = {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name: 'ebs-gp3',
      ...(options.defaultStorageClass ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}),
    },
    provisioner: 'ebs.csi.aws.com',
    parameters: { type: 'gp3', encrypted: 'true' },
    allowVolumeExpansion: true,
    volumeBindingMode: 'WaitForFirstConsumer',
    reclaimPolicy: 'Delete',
  };
  return manifestPlan({ name: 'ebs-csi-driver', tier: 'core', namespace: NAMESPACE, manifests: [storageClass] });
}

/** The EFS CSI driver and, for a given file system, the `efs` StorageClass of access points. */
export function efsCsiDriver(ctx: AddonContext): ComponentPlan {
  const options = ctx.options('efs-csi-driver');
  const storageClass = (fileSystemId: string): KubeObject => ({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'efs' },
    provisioner: 'efs.csi.aws.com',
    parameters: { provisioningMode: 'efs-ap', fileSystemId, directoryPerms: '700' },
    reclaimPolicy: 'Delete',
  });
  return chartPlan({
    name: 'efs-csi-driver',
    tier: 'core',
    namespace: NAMESPACE,
    chart: CHARTS.efsCsiDriver,
    values: { controller: { serviceAccount: { create: true, name: 'efs-csi-controller-sa', annotations: ctx.irsaAnnotations('efs-csi-driver') } } },
    overrides: options.values,
    manifests: options.fileSystemId === undefined ? [] : [storageClass(options.fileSystemId)],
  });
}
