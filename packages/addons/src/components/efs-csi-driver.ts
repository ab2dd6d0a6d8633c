import { Type } from '@sinclair/typebox';
import { DnsLabel } from '@wavesmith/model';
import { defineComponent, pinnedChart } from '../component.js';
import facts from '../facts/aws-efs-csi-driver@3.1.8.json' with { type: 'json' };

const NAMESPACE = 'kube-system';

/**
 * The EFS CSI driver and, on a file system of `cloud.fileSystems`, the `efs` StorageClass of
 * access points (Officeless platform, seed 003). The class names the file system's id, which only
 * Terraform knows, so Terraform creates it rather than Argo CD.
 */
export const efsCsiDriver = defineComponent({
  name: 'efs-csi-driver',
  description: 'The EFS CSI driver and the `efs` StorageClass provisioning access points on a file system of `cloud.fileSystems`.',
  tier: 'core',
  namespace: NAMESPACE,
  chart: pinnedChart('https://kubernetes-sigs.github.io/aws-efs-csi-driver', facts),
  options: {
    fileSystem: Type.Optional(Type.Unsafe<string>({ ...DnsLabel, description: 'Name of the `cloud.fileSystems` entry the efs StorageClass provisions access points on; no StorageClass without it.' })),
  },
  // The controller calls EFS with an IAM role bound to its service account (IRSA), which only EKS provides.
  support: { distributions: ['eks'] },
  rules: (entry, context, report) => {
    const names = (context.spec.cloud.fileSystems ?? []).map((fs) => fs.name);
    if (entry.fileSystem !== undefined && !names.includes(entry.fileSystem)) {
      report('/fileSystem', entry.fileSystem, names.length === 0 ? 'the name of a file system in cloud.fileSystems, which declares none' : `the name of a file system in cloud.fileSystems: ${names.join(', ')}`);
    }
  },
  provides: (entry) => ({
    // Parameters of aws-efs-csi-driver v2.1.7 docs/README.md (dynamic provisioning); Terraform adds fileSystemId.
    storageClasses:
      entry.fileSystem === undefined
        ? []
        : [{ name: 'efs', provisioner: 'efs.csi.aws.com', default: false, createdByTerraform: { fileSystem: entry.fileSystem, parameters: { provisioningMode: 'efs-ap', directoryPerms: '700' } } }],
    awsWorkloads: [{ name: 'efs-csi-driver', serviceAccounts: [`${NAMESPACE}:efs-csi-controller-sa`] }],
    uses: entry.fileSystem === undefined ? {} : { fileSystems: [entry.fileSystem] },
  }),
  plan: (ctx) =>
    ctx.chartPlan({
      values: {
        controller: { serviceAccount: { create: true, name: 'efs-csi-controller-sa', annotations: ctx.irsaAnnotations('efs-csi-driver') } },
        // The chart makes the CSIDriver a pre-install hook by default, which Argo CD deletes and
        // recreates on every sync; as a plain object it is applied once and tracked.
        useHelmHooksForCSIDriver: false,
      },
    }),
});
