import { Ajv, type ValidateFunction } from 'ajv';
import type { KubeObject, Problem } from '@wavesmith/model';
import { objectProblem, type LocatedObject } from './policy.js';

/** Which model package holds the schemas of each API group's kinds. Core groups come from kubernetes-models. */
const GROUP_PACKAGES: Readonly<Record<string, string>> = {
  'argoproj.io': '@kubernetes-models/argo-cd',
  'keda.sh': '@kubernetes-models/keda',
  'karpenter.sh': '@kubernetes-models/karpenter',
  'karpenter.k8s.aws': '@kubernetes-models/karpenter',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
  'cert-manager.io': '@kubernetes-models/cert-manager',
  'acme.cert-manager.io': '@kubernetes-models/cert-manager',
};

/**
 * The Secrets Store CSI driver publishes no model package; this is the `v1` CRD's schema
 * (secrets-store.csi.x-k8s.io_secretproviderclasses.yaml), kept strict on the fields we set.
 */
const SECRET_PROVIDER_CLASS_SCHEMA = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'secrets-store.csi.x-k8s.io/v1' },
    kind: { const: 'SecretProviderClass' },
    metadata: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1 } } },
    spec: {
      type: 'object',
      additionalProperties: false,
      required: ['provider'],
      properties: {
        provider: { type: 'string', minLength: 1 },
        parameters: { type: 'object', additionalProperties: { type: 'string' } },
        secretObjects: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['secretName', 'type'],
            properties: {
              secretName: { type: 'string' },
              type: { type: 'string' },
              labels: { type: 'object', additionalProperties: { type: 'string' } },
              annotations: { type: 'object', additionalProperties: { type: 'string' } },
              data: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['objectName', 'key'],
                  properties: { objectName: { type: 'string' }, key: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

const ajv = new Ajv({ allErrors: true, strict: false });
const LOCAL_SCHEMAS: Readonly<Record<string, ValidateFunction>> = {
  'secrets-store.csi.x-k8s.io/v1/SecretProviderClass': ajv.compile(SECRET_PROVIDER_CLASS_SCHEMA),
};

type Validator = (object: KubeObject) => string | undefined;
const validators = new Map<string, Promise<Validator | undefined>>();

/** Module path of the model class for `apiVersion`/`kind`, or undefined when no package covers the group. */
export function modelModule(apiVersion: string, kind: string): string | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  if (group === '' || !group.includes('.') || group.endsWith('.k8s.io')) return `kubernetes-models/${apiVersion}/${kind}`;
  const pkg = GROUP_PACKAGES[group];
  return pkg === undefined ? undefined : `${pkg}/${apiVersion}/${kind}`;
}

async function loadValidator(apiVersion: string, kind: string): Promise<Validator | undefined> {
  const local = LOCAL_SCHEMAS[`${apiVersion}/${kind}`];
  if (local) return (o) => (local(o) ? undefined : ajv.errorsText(local.errors, { dataVar: '' }));
  const path = modelModule(apiVersion, kind);
  if (path === undefined) return undefined;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(path)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const Model = mod[kind] as (new (data: unknown) => { validate(): void }) | undefined;
  if (typeof Model !== 'function') return undefined;
  return (o) => {
    try {
      new Model(o).validate();
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };
}

/**
 * Validates each object against the schema of its apiVersion/kind. An object whose kind has no
 * known schema is itself a problem: nothing is written unchecked.
 */
export async function checkSchemas(objects: readonly LocatedObject[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const located of objects) {
    const { object } = located;
    const key = `${object.apiVersion}/${object.kind}`;
    let pending = validators.get(key);
    if (!pending) {
      pending = loadValidator(object.apiVersion, object.kind);
      validators.set(key, pending);
    }
    const validate = await pending;
    if (!validate) problems.push(objectProblem(located, 'k8s-unknown-kind', '', `no schema is known for ${key}; add its model package or schema to @wavesmith/checks`));
    else {
      const error = validate(object);
      if (error) problems.push(objectProblem(located, 'k8s-schema', '', `does not match the ${key} schema: ${error.split('\n')[0]}`));
    }
  }
  return problems;
}
