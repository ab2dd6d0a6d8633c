/** Stable ids of the risk labels; tools and people may filter on them. */
export const RISK_IDS = [
  'delete-data',
  'delete-application',
  'rename',
  'immutable-field',
  'wave-move',
  'tier-move',
  'chart-major',
  'tf-destroy',
  'tf-replace',
  'tf-replace-possible',
] as const;

export type RiskId = (typeof RISK_IDS)[number];

/** One line each, shown next to every risk raised. */
export const RISK_EXPLANATIONS: Readonly<Record<RiskId, string>> = {
  'delete-data': 'deleting a PersistentVolumeClaim, StatefulSet, Namespace or CustomResourceDefinition destroys the data or everything inside it',
  'delete-application': 'deleting an Argo CD Application prunes every object it manages (resources-finalizer)',
  rename: 'a new name or namespace is a delete plus a create: the old object (and its data) goes away',
  'immutable-field': 'the API server refuses to change this field: the sync fails until the object is deleted and recreated',
  'wave-move': 'the component syncs in another Argo CD wave, before or after other components than it did',
  'tier-move': 'the component moves to another tier (core, platform, business) and with it to another group of waves',
  'chart-major': 'a new major chart version may rename values, drop objects or need a migration',
  'tf-destroy': 'Terraform destroys this resource',
  'tf-replace': 'the provider forces replacement on this attribute: Terraform destroys and recreates the resource',
  'tf-replace-possible': 'the provider decides from the values whether this attribute forces replacement (destroy and recreate)',
};

export interface Risk {
  readonly id: RiskId;
  /** What exactly: the field, the waves, the versions, what is pruned. */
  readonly detail: string;
}

/** Major version of a chart version; for 0.x versions the minor counts as major, as semver says. */
export function majorOf(version: string): string {
  const [major, minor] = version.replace(/^v/, '').split(/[.+-]/);
  return major === '0' ? `0.${minor ?? '0'}` : (major ?? version);
}
