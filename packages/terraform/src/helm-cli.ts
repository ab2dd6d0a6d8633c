import { HELM } from './bootstrap-sources.js';
import type { BootStep } from './cloud-config.js';
import { chartReference } from './argocd-bootstrap.js';
import type { HelmChart } from '@wavesmith/model';

const DOWNLOADS = '/run/wavesmith';
export const HELM_BINARY = '/usr/local/bin/helm';

/** Helm on the node, checked against the checksum published beside the archive, as helm's own get-helm-3 script does. */
export const helmCli: BootStep = {
  name: 'helm',
  commands: [
    ['mkdir', '-p', DOWNLOADS],
    ['curl', '-fsSL', '--retry', '5', '-o', `${DOWNLOADS}/helm.tar.gz`, HELM.archive],
    ['curl', '-fsSL', '--retry', '5', '-o', `${DOWNLOADS}/helm.tar.gz.sha256`, HELM.checksum],
    `echo "$(cat ${DOWNLOADS}/helm.tar.gz.sha256)  ${DOWNLOADS}/helm.tar.gz" | sha256sum --check --strict`,
    ['tar', '-xzf', `${DOWNLOADS}/helm.tar.gz`, '-C', '/usr/local/bin', '--strip-components=1', HELM.member],
  ],
};

export interface HelmInstallProps {
  readonly chart: Pick<HelmChart, 'repoURL' | 'chart' | 'version' | 'releaseName'>;
  readonly namespace: string;
  /** Values file written by the same step. */
  readonly valuesFile: string;
  readonly kubeconfig: string;
  /** How long to wait for the release's pods. */
  readonly timeout: string;
}

/** `helm install` of a pinned chart, waiting until its workloads are ready. */
export function helmInstall(props: HelmInstallProps): readonly string[] {
  const ref = chartReference(props.chart);
  return [
    HELM_BINARY,
    'install',
    props.chart.releaseName,
    ref.chart,
    ...(ref.repository ? ['--repo', ref.repository] : []),
    '--version',
    props.chart.version,
    '--namespace',
    props.namespace,
    '--create-namespace',
    '--values',
    props.valuesFile,
    '--kubeconfig',
    props.kubeconfig,
    '--wait',
    '--timeout',
    props.timeout,
  ];
}
