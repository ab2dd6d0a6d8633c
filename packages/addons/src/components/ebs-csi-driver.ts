import { Type } from '@sinclair/typebox';
import { StorageClass } from 'kubernetes-models/storage.k8s.io/v1/StorageClass';
import { defineComponent, plain } from '../component.js';

const NAMESPACE = 'kube-system';
const STORAGE_CLASS = 'ebs-gp3';
const PROVISIONER = 'ebs.csi.aws.com';

/**
 * The encrypted, expandable, zone-aware `ebs-gp3` StorageClass. The driver itself is the EKS
 * managed add-on `aws-ebs-csi-driver` that Terraform installs (the Officeless platform, seed 003,
 * pins its version), so no chart is synced here: installing both would fight over one controller.
 */
export const ebsCsiDriver = defineComponent({
  name: 'ebs-csi-driver',
  description: 'EBS volumes: the EKS managed add-on (installed by Terraform) and the encrypted `ebs-gp3` StorageClass.',
  tier: 'core',
  namespace: NAMESPACE,
  options: {
    defaultStorageClass: Type.Boolean({ default: true, description: 'Make the rendered ebs-gp3 StorageClass the cluster default.' }),
  },
  // The add-on's controller calls EC2 with an IAM role bound to its service account (IRSA), which only EKS provides.
  support: { distributions: ['eks'] },
  provides: (entry) => ({
    storageClasses: [{ name: STORAGE_CLASS, provisioner: PROVISIONER, default: entry.defaultStorageClass }],
    awsWorkloads: [{ name: 'ebs-csi-driver', serviceAccounts: [`${NAMESPACE}:ebs-csi-controller-sa`] }],
  }),
  plan: (ctx) =>
    ctx.manifestPlan({
      manifests: [
        plain(
          new StorageClass({
            metadata: {
              name: STORAGE_CLASS,
              ...(ctx.entry.defaultStorageClass ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}),
            },
            provisioner: PROVISIONER,
            parameters: { type: 'gp3', encrypted: 'true' },
            allowVolumeExpansion: true,
            volumeBindingMode: 'WaitForFirstConsumer',
            reclaimPolicy: 'Delete',
          }),
        ),
      ],
    }),
});
