import type { BundledOverlap, Distribution, Problem } from '@wavesmith/model';

/**
 * No component installs a second copy of what the distribution already runs: two metrics
 * servers claim one APIService, two ingress-nginx controllers one class and the nodes' ports,
 * two CSI drivers one provisioner name. RKE2's packaged charts are turned off for the component
 * (the caller lists them under `disable:`); an EKS managed add-on is the cluster's own choice,
 * so one of the two must go; AKS and kubeadm addons cannot be turned off. One problem per component.
 */
export function checkBundled(overlaps: readonly BundledOverlap[], distribution: Distribution): Problem[] {
  const problem = (component: string, message: string): Problem => ({ rule: 'bundled-duplicate', component, message });
  return overlaps.flatMap(({ component, chart, bundled }) => {
    switch (bundled.turnOff) {
      case 'rke2-disable':
        return [];
      case 'eks-addon':
        return [
          problem(
            component,
            `component ${component} installs chart ${chart}, the same controller as the EKS managed add-on ${bundled.name} in cloud.eks.addons; allowed: one of the two (drop ${bundled.name} from cloud.eks.addons, or the component)`,
          ),
        ];
      case 'none':
        return [
          problem(
            component,
            `component ${component} installs chart ${chart}, but ${distribution} already runs ${bundled.name} on every cluster and it cannot be turned off (${bundled.source}); allowed: drop the component and use ${bundled.name}`,
          ),
        ];
    }
  });
}
