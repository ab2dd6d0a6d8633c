import { ADDON_SUPPORT, type PlatformComponentSpec } from '../platform.js';
import { checkUniqueNames, type SpecRule } from '../rule.js';

/** `1.27` or `1.31.11` as the comparable minor number (27, 31). */
function kubernetesMinor(version: string): number {
  return Number(version.split('.')[1]);
}

/** Each component runs on the cluster's distribution and Kubernetes version, next to the components it requires. */
export const checkPlatformSupport: SpecRule = (spec, report) => {
  const present = new Set<string>(spec.platform.map((c) => c.name));
  if (!present.has('argocd')) {
    report('/platform', spec.platform.map((c) => c.name), 'a list that includes { name: "argocd" }: Argo CD manages itself as the first sync wave');
  }
  spec.platform.forEach((component, i) => {
    const support = ADDON_SUPPORT[component.name];
    if (!support.distributions.includes(spec.distribution)) {
      report(`/platform/${i}/name`, component.name, `a component that runs on ${spec.distribution}; ${component.name} runs on ${support.distributions.join(', ')} only`);
    }
    for (const required of support.requires) {
      if (!present.has(required)) report(`/platform/${i}/name`, component.name, `${component.name} together with { name: "${required}" } in platform`);
    }
    const max = support.kubernetes?.max;
    if (max !== undefined && kubernetesMinor(spec.kubernetesVersion) > kubernetesMinor(max)) {
      report('/kubernetesVersion', spec.kubernetesVersion, `at most ${max} while platform includes ${component.name} (${support.kubernetes?.why})`);
    }
  });
};

/** Options that are valid alone but not on this cluster. */
export const checkPlatformOptions: SpecRule = (spec, report) => {
  spec.platform.forEach((component: PlatformComponentSpec, i) => {
    const at = `/platform/${i}`;
    switch (component.name) {
      case 'secrets-store-csi-driver':
        component.providers.forEach((provider, j) => {
          if (provider === 'aws' && spec.distribution !== 'eks') {
            report(`${at}/providers/${j}`, provider, `"vault": the AWS provider reads Secrets Manager with an IRSA role, which needs eks (not ${spec.distribution})`);
          }
        });
        break;
      case 'loki':
      case 'tempo':
        if (component.storage === 's3' && spec.distribution !== 'eks') {
          report(`${at}/storage`, component.storage, `"filesystem": S3 storage is reached with an IRSA role, which needs eks (not ${spec.distribution})`);
        }
        if (component.name === 'loki' && component.storage === 'filesystem' && component.replicas[spec.environment] > 1) {
          report(`${at}/replicas/${spec.environment}`, component.replicas[spec.environment], '1 with filesystem storage (replicas share chunks through storage: "s3")');
        }
        break;
      case 'karpenter':
        checkUniqueNames(component.nodePools, `${at}/nodePools`, 'Karpenter node pool', report);
        break;
      default:
        break;
    }
  });
};
