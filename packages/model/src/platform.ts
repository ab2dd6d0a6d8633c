import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './schema-helpers.js';

// Placeholder owned by the addons work (issue 3): one typed options object per catalogue entry.
export const ADDON_NAMES = [
  'argocd',
  'karpenter',
  'keda',
  'secrets-store-csi-driver',
  'kube-prometheus-stack',
  'loki',
  'promtail',
  'tempo',
  'mimir',
  'vault',
  'cert-manager',
  'ingress-nginx',
  'aws-load-balancer-controller',
  'cluster-autoscaler',
  'ebs-csi-driver',
  'efs-csi-driver',
  'rancher',
] as const;
export type AddonName = (typeof ADDON_NAMES)[number];

export const PlatformComponentSchema = Type.Object(
  {
    name: StringEnum(ADDON_NAMES),
  },
  { additionalProperties: false },
);
export type PlatformComponentSpec = Static<typeof PlatformComponentSchema>;
