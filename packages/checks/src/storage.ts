import type { ComponentPlan, KubeObject, Problem } from '@wavesmith/model';
import { objectProblem, type LocatedObject } from './policy.js';

/** The storage a cluster offers: its StorageClasses (the distribution's and the components') and running CSI provisioners. */
export interface ClusterStorage {
  readonly storageClasses: readonly { readonly name: string; readonly provisioner: string; readonly default: boolean; readonly providedBy: string }[];
  readonly provisioners: readonly string[];
}

type Json = Record<string, unknown>;

/**
 * Every volume asked for has a StorageClass on the cluster and every StorageClass a running
 * provisioner: a claim without one stays Pending, so its workload never becomes Healthy and the
 * waves after it wait forever. Volumes are the claims rendered here (PersistentVolumeClaims,
 * StatefulSet volumeClaimTemplates) and those a chart creates by its persistence settings
 * (ComponentPlan.volumeClaims).
 */
export function checkStorage(objects: readonly LocatedObject[], components: readonly ComponentPlan[], storage: ClusterStorage): Problem[] {
  const problems: Problem[] = [];
  const rendered = objects.filter(({ object }) => object.kind === 'StorageClass');
  const classes = new Map<string, string>(storage.storageClasses.map((c) => [c.name, c.provisioner]));
  for (const { object } of rendered) classes.set(object.metadata.name, String(object.provisioner));
  const defaults = [
    ...storage.storageClasses.filter((c) => c.default).map((c) => c.name),
    ...rendered.filter(({ object }) => object.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true').map(({ object }) => object.metadata.name),
  ];
  const known = () => [...classes.keys()].sort().join(', ') || 'none';

  for (const located of rendered) {
    const { object } = located;
    const provisioner = String(object.provisioner);
    if (!storage.provisioners.includes(provisioner)) {
      problems.push(objectProblem(located, 'storage-provisioner-missing', '/provisioner', `StorageClass ${object.metadata.name}: provisioner ${provisioner} does not run on this cluster; allowed: one of ${storage.provisioners.join(', ') || 'none (add a storage driver such as ebs-csi-driver)'}`, provisioner));
    }
  }
  /** `at` is the object and JSON Pointer of the claim, or the component whose chart claims it. */
  const claim = (at: { readonly located: LocatedObject; readonly path: string } | { readonly component: string }, storageClass: string | undefined, what: string): void => {
    const problem = (message: string, value?: unknown): Problem =>
      'located' in at ? objectProblem(at.located, 'storage-class-missing', at.path, message, value) : { rule: 'storage-class-missing', component: at.component, message, ...(value === undefined ? {} : { value }) };
    if (storageClass === undefined || storageClass === null) {
      if (defaults.length === 0) problems.push(problem(`${what} names no StorageClass and the cluster has no default one; allowed: a cluster whose platform provides a default StorageClass (such as ebs-csi-driver), or a class of: ${known()}`));
    } else if (storageClass !== '' && !classes.has(storageClass)) {
      problems.push(problem(`${what} asks for StorageClass "${storageClass}", which the cluster does not have; allowed: one of ${known()}`, storageClass));
    }
  };
  for (const located of objects) {
    const { object } = located;
    const spec = (object.spec ?? {}) as Json;
    if (object.kind === 'PersistentVolumeClaim') claim({ located, path: '/spec/storageClassName' }, spec.storageClassName as string | undefined, `PersistentVolumeClaim ${object.metadata.name}`);
    if (object.kind === 'StatefulSet') {
      ((spec.volumeClaimTemplates ?? []) as KubeObject[]).forEach((template, i) => {
        claim({ located, path: `/spec/volumeClaimTemplates/${i}/spec/storageClassName` }, (template.spec as Json | undefined)?.storageClassName as string | undefined, `StatefulSet ${object.metadata.name} volume ${template.metadata.name}`);
      });
    }
  }
  for (const c of components) {
    for (const volume of c.volumeClaims ?? []) claim({ component: c.name }, volume.storageClass, `Application ${c.name}: the chart's ${volume.what}`);
  }
  return problems;
}
