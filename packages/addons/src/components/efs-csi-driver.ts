import { Type } from '@sinclair/typebox';
import { allowed } from '@wavesmith/model';
import { StorageClass } from 'kubernetes-models/storage.k8s.io/v1/StorageClass';
import { defineComponent, pinnedChart, plain } from '../component.js';
import facts from '../facts/aws-efs-csi-driver@3.1.8.json' with { type: 'json' };

const NAMESPACE = 'kube-system';
const STORAGE_CLASS = 'efs';
const PROVISIONER = 'efs.csi.aws.com';

/** The EFS CSI driver and, for a given file system, the `efs` StorageClass of access points (Officeless platform, seed 003). */
export const efsCsiDriver = defineComponent({
  name: 'efs-csi-driver',
  description: 'The EFS CSI driver and the `efs` StorageClass provisioning access points on a file system.',
  tier: 'core',
  namespace: NAMESPACE,
  chart: pinnedChart('https://kubernetes-sigs.github.io/aws-efs-csi-driver', facts),
  options: {
    fileSystemId: Type.Optional(
      Type.String({
        pattern: '^fs-[0-9a-f]{8,17}$',
        description: 'File system the efs StorageClass provisions access points on; no StorageClass without it.',
        ...allowed('an EFS file system id such as fs-0123456789abcdef0'),
      }),
    ),
  },
  // The controller calls EFS with an IAM role bound to its service account (IRSA), which only EKS provides.
  support: { distributions: ['eks'] },
  provides: (entry) => ({
    storageClasses: entry.fileSystemId === undefined ? [] : [{ name: STORAGE_CLASS, provisioner: PROVISIONER, default: false }],
    awsWorkloads: [{ name: 'efs-csi-driver', serviceAccounts: [`${NAMESPACE}:efs-csi-controller-sa`] }],
  }),
  plan: (ctx) => {
    const fileSystemId = ctx.entry.fileSystemId;
    return ctx.chartPlan({
      values: {
        controller: { serviceAccount: { create: true, name: 'efs-csi-controller-sa', annotations: ctx.irsaAnnotations('efs-csi-driver') } },
        // The chart makes the CSIDriver a pre-install hook by default, which Argo CD deletes and
        // recreates on every sync; as a plain object it is applied once and tracked.
        useHelmHooksForCSIDriver: false,
      },
      manifests:
        fileSystemId === undefined
          ? []
          : [
              plain(
                new StorageClass({
                  metadata: { name: STORAGE_CLASS },
                  provisioner: PROVISIONER,
                  parameters: { provisioningMode: 'efs-ap', fileSystemId, directoryPerms: '700' },
                  reclaimPolicy: 'Delete',
                }),
              ),
            ],
    });
  },
});
