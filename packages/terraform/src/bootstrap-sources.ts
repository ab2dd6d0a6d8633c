/**
 * What self-managed nodes download at first boot, pinned, with where each fact was read. The
 * nodes are x86_64 Ubuntu (ec2-instance.ts looks up amd64 AMIs).
 */

/** Helm, as its own installer fetches it (helm/helm v3.21.4 scripts/get-helm-3: `https://get.helm.sh/helm-$TAG-$OS-$ARCH.tar.gz` and `$DOWNLOAD_URL.sha256`). */
export const HELM = {
  version: 'v3.21.4',
  archive: 'https://get.helm.sh/helm-v3.21.4-linux-amd64.tar.gz',
  checksum: 'https://get.helm.sh/helm-v3.21.4-linux-amd64.tar.gz.sha256',
  /** Path of the binary inside the archive. */
  member: 'linux-amd64/helm',
} as const;

/** RKE2's install script (rancher/rke2-docs docs/install/quickstart.md); INSTALL_RKE2_VERSION pins the release it installs and verifies by checksum. */
export const RKE2_INSTALLER = 'https://get.rke2.io';

/**
 * The Kubernetes package repository of one minor version (kubernetes/website
 * content/en/docs/setup/production-environment/tools/kubeadm/install-kubeadm.md): its signing key
 * is `Release.key` beside the packages, and package versions are `<patch>-1.1`.
 */
export function kubernetesAptRepository(minor: string): { readonly url: string; readonly key: string } {
  const url = `https://pkgs.k8s.io/core:/stable:/v${minor}/deb/`;
  return { url, key: `${url}Release.key` };
}

/** Flannel's chart (flannel-io/flannel v0.28.9 chart/kube-flannel, README "Deploying Flannel with Helm"). */
export const FLANNEL_CHART = { repoURL: 'https://flannel-io.github.io/flannel/', chart: 'flannel', version: 'v0.28.9', namespace: 'kube-flannel' } as const;

/** argo-helm's chart of bare Argo CD Applications (argoproj/argo-helm argocd-apps-2.0.5 charts/argocd-apps). */
export const ARGOCD_APPS_CHART = { repoURL: 'https://argoproj.github.io/argo-helm', chart: 'argocd-apps', version: '2.0.5' } as const;

/** The AWS CLI as a snap (publisher: Amazon Web Services); Ubuntu's EC2 images ship snapd and the SSM agent, not the CLI. */
export const AWS_CLI_SNAP = 'aws-cli';
/** Where the snap puts it: the runcmd script's PATH is not a login shell's. */
export const AWS_CLI = '/snap/bin/aws';
