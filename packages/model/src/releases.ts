/**
 * Kubernetes releases the self-managed distributions install, per minor version the schema
 * accepts. RKE2 publishes one release per upstream Kubernetes patch (tag `v1.31.14+rke2r2` is
 * Kubernetes v1.31.14), so one table gives both: the newest RKE2 tag of each minor in
 * github.com/rancher/rke2 (tags read 2026-08-21), and the Kubernetes patch it carries, which is
 * also the kubelet/kubeadm package version a kubeadm cluster installs from pkgs.k8s.io.
 */
export const KUBERNETES_RELEASES = {
  // The newest 1.26 tag of rancher/rke2 (v1.26.15+rke2r1, 2024-03-14); its line is no longer released.
  '1.26': { kubernetes: '1.26.15', rke2: 'v1.26.15+rke2r1' },
  '1.27': { kubernetes: '1.27.16', rke2: 'v1.27.16+rke2r2' },
  '1.28': { kubernetes: '1.28.15', rke2: 'v1.28.15+rke2r1' },
  '1.29': { kubernetes: '1.29.15', rke2: 'v1.29.15+rke2r1' },
  '1.30': { kubernetes: '1.30.14', rke2: 'v1.30.14+rke2r4' },
  '1.31': { kubernetes: '1.31.14', rke2: 'v1.31.14+rke2r2' },
  '1.32': { kubernetes: '1.32.13', rke2: 'v1.32.13+rke2r2' },
  '1.33': { kubernetes: '1.33.13', rke2: 'v1.33.13+rke2r2' },
  '1.34': { kubernetes: '1.34.10', rke2: 'v1.34.10+rke2r1' },
} as const satisfies Readonly<Record<string, { readonly kubernetes: string; readonly rke2: string }>>;

export type KubernetesMinor = keyof typeof KUBERNETES_RELEASES;

/** `1.31` of `1.31`, `1.31.11` or `v1.31.14+rke2r2`. */
export function kubernetesMinorOf(version: string): string {
  const [major, minor] = version.replace(/^v/, '').split('.');
  return `${major}.${minor}`;
}

/** The Kubernetes patch release a kubeadm cluster installs: the spec's own patch, or the newest of its minor. */
export function kubernetesPatchRelease(kubernetesVersion: string): string {
  if (/^\d+\.\d+\.\d+$/.test(kubernetesVersion)) return kubernetesVersion;
  const release = KUBERNETES_RELEASES[kubernetesMinorOf(kubernetesVersion) as KubernetesMinor];
  if (release === undefined) throw new Error(`Kubernetes ${kubernetesVersion} has no known patch release (known minors: ${Object.keys(KUBERNETES_RELEASES).join(', ')})`);
  return release.kubernetes;
}

/** The RKE2 release of a cluster: `cloud.rke2.version`, or the newest release of its Kubernetes minor. */
export function rke2Release(kubernetesVersion: string, pinned: string | undefined): string {
  if (pinned !== undefined) return pinned;
  const release = KUBERNETES_RELEASES[kubernetesMinorOf(kubernetesVersion) as KubernetesMinor];
  if (release === undefined) throw new Error(`Kubernetes ${kubernetesVersion} has no known RKE2 release (known minors: ${Object.keys(KUBERNETES_RELEASES).join(', ')})`);
  return release.rke2;
}
