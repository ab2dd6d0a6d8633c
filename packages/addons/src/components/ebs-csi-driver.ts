import { Type, type Static } from '@sinclair/typebox';
import { DnsLabel, StringEnum, type KubeObject } from '@wavesmith/model';
import { StorageClass } from 'kubernetes-models/storage.k8s.io/v1/StorageClass';
import { defineComponent, pinnedChart, plain } from '../component.js';
import facts from '../facts/aws-ebs-csi-driver@2.42.0.json' with { type: 'json' };

const NAMESPACE = 'kube-system';
const PROVISIONER = 'ebs.csi.aws.com';
/** The controller's service account in the chart and in the EKS add-on alike. */
const SERVICE_ACCOUNT = 'ebs-csi-controller-sa';

const EbsStorageClassSchema = Type.Object(
  {
    name: DnsLabel,
    default: Type.Boolean({ default: false, description: 'Make it the cluster default: claims without a class get it.' }),
    type: StringEnum(['gp3', 'gp2', 'io1', 'io2', 'st1', 'sc1'] as const, { default: 'gp3', description: 'EBS volume type.' }),
    reclaimPolicy: StringEnum(['Delete', 'Retain'] as const, {
      default: 'Delete',
      description: 'What becomes of a volume when its claim is deleted; Retain keeps database volumes.',
    }),
  },
  { additionalProperties: false },
);
type EbsStorageClass = Static<typeof EbsStorageClassSchema>;

/**
 * EBS volumes: encrypted, expandable, zone-aware StorageClasses (WaitForFirstConsumer). On EKS
 * the driver is the managed add-on `aws-ebs-csi-driver` that Terraform installs with its role
 * (the Officeless platform, seed 003, pins v1.42.0-eksbuild.1), so only the classes are synced
 * here: two drivers would fight over one controller. On RKE2 and kubeadm on EC2 the upstream
 * chart of the same driver version (app v1.42.0) is installed, working with the node role.
 */
export const ebsCsiDriver = defineComponent({
  name: 'ebs-csi-driver',
  description: 'EBS volumes: the CSI driver (the EKS managed add-on, or its upstream chart on EC2) and encrypted gp3 StorageClasses.',
  tier: 'core',
  namespace: NAMESPACE,
  chart: pinnedChart('https://kubernetes-sigs.github.io/aws-ebs-csi-driver', facts),
  options: {
    storageClasses: Type.Array(EbsStorageClassSchema, {
      minItems: 1,
      maxItems: 20,
      default: [{ name: 'ebs-gp3', default: true }],
      description: 'The StorageClasses rendered for the driver.',
    }),
  },
  support: { distributions: ['eks', 'rke2', 'kubeadm'] },
  rules: (entry, _context, report) => {
    const defaults = entry.storageClasses.flatMap((c, i) => (c.default ? [i] : []));
    for (const i of defaults.slice(1)) report(`/storageClasses/${i}/default`, true, `false: /storageClasses/${defaults[0]} is already the default (a cluster has one default StorageClass)`);
    const seen = new Map<string, number>();
    entry.storageClasses.forEach((c, i) => {
      const first = seen.get(c.name);
      if (first === undefined) seen.set(c.name, i);
      else report(`/storageClasses/${i}/name`, c.name, `a StorageClass name not already used (/storageClasses/${first} is also named "${c.name}")`);
    });
  },
  provides: (entry) => ({
    storageClasses: entry.storageClasses.map((c) => ({ name: c.name, provisioner: PROVISIONER, default: c.default })),
    awsWorkloads: [{ name: 'ebs-csi-driver', serviceAccounts: [`${NAMESPACE}:${SERVICE_ACCOUNT}`] }],
  }),
  plan: (ctx) => {
    const manifests = ctx.entry.storageClasses.map(storageClass);
    if (ctx.cluster.spec.distribution === 'eks') return ctx.manifestPlan({ manifests });
    return ctx.chartPlan({
      values: {
        // Off EKS there is no cloud controller to label nodes with their region: the controller is told.
        controller: { region: ctx.cluster.spec.provider.region, serviceAccount: { create: true, name: SERVICE_ACCOUNT } },
        // The chart's test pods are Helm test hooks, nothing Argo CD should create.
        helmTester: { enabled: false },
      },
      manifests,
    });
  },
});

function storageClass(c: EbsStorageClass): KubeObject {
  return plain(
    new StorageClass({
      metadata: { name: c.name, ...(c.default ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}) },
      provisioner: PROVISIONER,
      parameters: { type: c.type, encrypted: 'true' },
      allowVolumeExpansion: true,
      volumeBindingMode: 'WaitForFirstConsumer',
      reclaimPolicy: c.reclaimPolicy,
    }),
  );
}
