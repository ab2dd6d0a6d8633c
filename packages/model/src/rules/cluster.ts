import { REGIONS } from '../regions.js';
import { checkUniqueNames, type SpecRule } from '../rule.js';
import { closest } from '../suggest.js';
import type { Cloud, Distribution } from '../spec.js';

const CLOUD_OF: Record<Distribution, Cloud> = { eks: 'aws', aks: 'azure', rke2: 'aws', kubeadm: 'aws' };

const IMAGES_OF: Record<Distribution, readonly string[]> = {
  eks: ['al2023', 'bottlerocket'],
  aks: ['azure-linux', 'ubuntu-22.04'],
  rke2: ['ubuntu-22.04', 'ubuntu-24.04'],
  kubeadm: ['ubuntu-22.04', 'ubuntu-24.04'],
};

/** The provider fits the distribution and carries the account it needs. */
export const checkProvider: SpecRule = (spec, report) => {
  const cloud = CLOUD_OF[spec.distribution];
  if (spec.provider.cloud !== cloud) {
    report('provider-distribution', '/provider/cloud', spec.provider.cloud, `"${cloud}" for distribution "${spec.distribution}"`);
  }
  const regions = REGIONS[spec.provider.cloud];
  if (!regions.includes(spec.provider.region)) {
    const hint = closest(spec.provider.region, regions);
    const what = spec.provider.cloud === 'aws' ? 'an AWS region' : 'an Azure location';
    report('region-unknown', '/provider/region', spec.provider.region, `${hint ? `did you mean "${hint}"? ` : ''}${what}: ${regions.join(', ')}`);
  }
  if (spec.provider.cloud === 'aws' && spec.provider.accountId === undefined) {
    report('provider-account', '/provider/accountId', undefined, 'a 12-digit AWS account id (IAM role ARNs are derived from it)');
  }
  if (spec.provider.cloud === 'azure' && spec.provider.subscriptionId === undefined) {
    report('provider-account', '/provider/subscriptionId', undefined, 'the Azure subscription id (a UUID)');
  }
  if (spec.provider.cloud === 'azure' && spec.provider.accountId !== undefined) {
    report('provider-account', '/provider/accountId', spec.provider.accountId, 'nothing: accountId is for AWS; Azure uses subscriptionId');
  }
};

/** Sizes are ordered, images fit the distribution, and self-managed clusters have one control plane pool. */
export const checkNodePools: SpecRule = (spec, report) => {
  checkUniqueNames(spec.nodePools, '/nodePools', 'node pool', report);
  spec.nodePools.forEach((pool, i) => {
    const at = `/nodePools/${i}`;
    if (pool.minSize > pool.maxSize) report('node-pool-size', `${at}/minSize`, pool.minSize, `at most maxSize (${pool.maxSize})`);
    if (pool.desiredSize !== undefined && (pool.desiredSize < pool.minSize || pool.desiredSize > pool.maxSize)) {
      report('node-pool-size', `${at}/desiredSize`, pool.desiredSize, `between minSize (${pool.minSize}) and maxSize (${pool.maxSize})`);
    }
    const images = IMAGES_OF[spec.distribution];
    if (!images.includes(pool.image)) report('node-pool-image', `${at}/image`, pool.image, `one of ${images.join(', ')} on ${spec.distribution}`);
  });
  const controlPlanes = spec.nodePools.filter((p) => p.role === 'control-plane').length;
  const selfManaged = spec.distribution === 'rke2' || spec.distribution === 'kubeadm';
  if (selfManaged && controlPlanes !== 1) {
    report('control-plane-pool', '/nodePools', controlPlanes, `exactly one pool with role "control-plane" on ${spec.distribution}`);
  }
  if (!selfManaged && controlPlanes > 0) {
    report('control-plane-pool', '/nodePools', controlPlanes, `no "control-plane" pool: ${spec.distribution} runs the control plane for you`);
  }
};

/** Every platform component and app becomes an Argo CD Application, so their names share one space. */
export const checkComponentNames: SpecRule = (spec, report) => {
  checkUniqueNames(spec.platform, '/platform', 'platform component', report);
  checkUniqueNames(spec.apps, '/apps', 'app', report);
  const platformNames = new Set<string>(spec.platform.map((p) => p.name));
  spec.apps.forEach((app, i) => {
    if (platformNames.has(app.name)) report('app-name-clash', `/apps/${i}/name`, app.name, `a name not used by a platform component ("${app.name}" is one)`);
  });
};
