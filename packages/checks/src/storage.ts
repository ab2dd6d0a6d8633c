import type { ComponentPlan, KubeObject } from '@wavesmith/model';

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
 * (ComponentPlan.volumeClaims). One sentence per problem.
 */
export function checkStorage(objects: readonly { readonly file: string; readonly object: KubeObject }[], components: readonly ComponentPlan[], storage: ClusterStorage): string[] {
  const problems: string[] = [];
  const rendered = objects.filter(({ object }) => object.kind === 'StorageClass');
  const classes = new Map<string, string>(storage.storageClasses.map((c) => [c.name, c.provisioner]));
  for (const { object } of rendered) classes.set(object.metadata.name, String(object.provisioner));
  const defaults = [
    ...storage.storageClasses.filter((c) => c.default).map((c) => c.name),
    ...rendered.filter(({ object }) => object.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true').map(({ object }) => object.metadata.name),
  ];
  const known = () => [...classes.keys()].sort().join(', ') || 'none';

  for (const { file, object } of rendered) {
    const provisioner = String(object.provisioner);
    if (!storage.provisioners.includes(provisioner)) {
      problems.push(`${file}: StorageClass ${object.metadata.name}: provisioner ${provisioner} does not run on this cluster; allowed: one of ${storage.provisioners.join(', ') || 'none (add a storage driver such as ebs-csi-driver)'}`);
    }
  }
  const claim = (where: string, storageClass: string | undefined, what: string): void => {
    if (storageClass === undefined || storageClass === null) {
      if (defaults.length === 0) problems.push(`${where}: ${what} names no StorageClass and the cluster has no default one; allowed: a cluster whose platform provides a default StorageClass (such as ebs-csi-driver), or a class of: ${known()}`);
    } else if (storageClass !== '' && !classes.has(storageClass)) {
      problems.push(`${where}: ${what} asks for StorageClass "${storageClass}", which the cluster does not have; allowed: one of ${known()}`);
    }
  };
  for (const { file, object } of objects) {
    const spec = (object.spec ?? {}) as Json;
    if (object.kind === 'PersistentVolumeClaim') claim(file, spec.storageClassName as string | undefined, `PersistentVolumeClaim ${object.metadata.name}`);
    if (object.kind === 'StatefulSet') {
      for (const template of (spec.volumeClaimTemplates ?? []) as KubeObject[]) {
        claim(file, (template.spec as Json | undefined)?.storageClassName as string | undefined, `StatefulSet ${object.metadata.name} volume ${template.metadata.name}`);
      }
    }
  }
  for (const c of components) {
    for (const volume of c.volumeClaims ?? []) claim(`Application ${c.name}`, volume.storageClass, `the chart's ${volume.what}`);
  }
  return problems;
}
