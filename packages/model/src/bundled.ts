import type { EksAddonName } from './cloud.js';
import type { ComponentPlan } from './component.js';
import type { ClusterSpec } from './spec.js';

/**
 * A component the distribution runs by itself, and the upstream charts that do the same job:
 * installing one of them as well leaves two controllers fighting over one API (two metrics
 * APIServices, two ingress controllers on the same hostPorts and class).
 */
export interface BundledComponent {
  readonly name: string;
  readonly charts: readonly string[];
  /**
   * How the cluster turns it off when a platform component takes its place: `rke2-disable` is a
   * packaged chart our cloud-init lists under `disable:`; `eks-addon` a managed add-on the
   * cluster lists in `cloud.eks.addons`; `none` cannot be turned off.
   */
  readonly turnOff: 'rke2-disable' | 'eks-addon' | 'none';
  /** Where upstream says so. */
  readonly source: string;
}

// rancher/rke2: charts/chart_versions.yaml lists the packaged charts; `disable:` takes their names
// (pkg/cli/cmds/server.go DisableItems at v1.26.15+rke2r1; pkg/rke2/rke2.go DisableItems and
// IngressItems at v1.27.16+rke2r2, where rke2-ingress-nginx is also turned off by `disable:`).
const RKE2_SOURCE = 'github.com/rancher/rke2 charts/chart_versions.yaml and DisableItems at v1.26.15+rke2r1 (a413a7fe6321) and v1.27.16+rke2r2 (b6cf44ff1085)';
const RKE2: readonly BundledComponent[] = [
  { name: 'rke2-coredns', charts: ['coredns'], turnOff: 'rke2-disable', source: RKE2_SOURCE },
  { name: 'rke2-ingress-nginx', charts: ['ingress-nginx'], turnOff: 'rke2-disable', source: RKE2_SOURCE },
  { name: 'rke2-metrics-server', charts: ['metrics-server'], turnOff: 'rke2-disable', source: RKE2_SOURCE },
  { name: 'rke2-snapshot-controller', charts: ['snapshot-controller'], turnOff: 'rke2-disable', source: RKE2_SOURCE },
];

// AKS runs these in kube-system on every cluster and reconciles them back when deleted
// (github.com/Azure/AKS issues/3631: metrics-server is re-created).
const AKS_SOURCE = 'AKS managed kube-system components (learn.microsoft.com/azure/aks/concepts-clusters-workloads; github.com/Azure/AKS issues/3631)';
const AKS: readonly BundledComponent[] = [
  { name: 'aks-metrics-server', charts: ['metrics-server'], turnOff: 'none', source: AKS_SOURCE },
  { name: 'aks-coredns', charts: ['coredns'], turnOff: 'none', source: AKS_SOURCE },
  { name: 'aks-azuredisk-csi-driver', charts: ['azuredisk-csi-driver'], turnOff: 'none', source: AKS_SOURCE },
  { name: 'aks-azurefile-csi-driver', charts: ['azurefile-csi-driver'], turnOff: 'none', source: AKS_SOURCE },
];

// kubeadm init runs its CoreDNS and kube-proxy addons (kubernetes/kubernetes cmd/kubeadm/app/phases/addons).
const KUBEADM: readonly BundledComponent[] = [
  { name: 'kubeadm-coredns', charts: ['coredns'], turnOff: 'none', source: 'kubeadm init phase addon (kubernetes/kubernetes cmd/kubeadm/app/phases/addons)' },
];

/** The upstream chart of each EKS managed add-on: the same controller, installed twice. */
const EKS_ADDON_CHARTS: Readonly<Record<EksAddonName, readonly string[]>> = {
  'vpc-cni': ['aws-vpc-cni'],
  coredns: ['coredns'],
  'kube-proxy': [],
  'eks-pod-identity-agent': ['eks-pod-identity-agent'],
  'aws-ebs-csi-driver': ['aws-ebs-csi-driver'],
  'aws-efs-csi-driver': ['aws-efs-csi-driver'],
  'snapshot-controller': ['snapshot-controller'],
};

/** What the cluster's distribution runs before any component: RKE2's packaged charts, AKS's and kubeadm's addons, EKS's declared managed add-ons. */
export function bundledComponents(spec: ClusterSpec): readonly BundledComponent[] {
  switch (spec.distribution) {
    case 'rke2':
      return RKE2;
    case 'aks':
      return AKS;
    case 'kubeadm':
      return KUBEADM;
    case 'eks':
      return (spec.cloud.eks?.addons ?? []).map((a) => ({
        name: a.name,
        charts: EKS_ADDON_CHARTS[a.name],
        turnOff: 'eks-addon' as const,
        source: 'EKS managed add-on in cloud.eks.addons',
      }));
  }
}

/** A component plan that installs the chart of a bundled component. */
export interface BundledOverlap {
  readonly component: string;
  readonly chart: string;
  readonly bundled: BundledComponent;
}

/** Every plan whose chart does the job of something the distribution already runs. */
export function bundledOverlaps(spec: ClusterSpec, plans: readonly ComponentPlan[]): BundledOverlap[] {
  const bundled = bundledComponents(spec);
  return plans.flatMap((plan) => {
    const chart = plan.chart?.chart;
    if (chart === undefined) return [];
    return bundled.filter((b) => b.charts.includes(chart)).map((b) => ({ component: plan.name, chart, bundled: b }));
  });
}

/** RKE2 packaged charts to turn off because a platform component takes their place, sorted. */
export function rke2Replaced(overlaps: readonly BundledOverlap[]): string[] {
  return [...new Set(overlaps.filter((o) => o.bundled.turnOff === 'rke2-disable').map((o) => o.bundled.name))].sort();
}
