import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/** One secret read from Vault's KV engine, written to a file named `fileName`. */
export interface VaultSecret {
  readonly fileName: string;
  /** Path of the secret, e.g. `secret/data/backend/api-keys`. */
  readonly path: string;
  /** Key inside the secret. */
  readonly key: string;
}

/** One Secrets Manager secret; with `keys`, each JSON key of its value becomes its own file. */
export interface AwsSecret {
  readonly secretName: string;
  /** @default [] (the whole value, as a file named after the secret) */
  readonly keys?: readonly string[];
}

export type SecretSource =
  | {
      readonly provider: 'vault';
      /** Vault's API, as the cluster's context serves it. */
      readonly address: string;
      /** Vault Kubernetes-auth role the pod's ServiceAccount logs in as. */
      readonly role: string;
      readonly secrets: readonly VaultSecret[];
    }
  | { readonly provider: 'aws'; readonly secrets: readonly AwsSecret[] };

export interface SecretProviderClassProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly source: SecretSource;
}

// `objects` is a YAML string for both providers; JSON is YAML, and needs no YAML dependency here.
function parameters(source: SecretSource): Record<string, string> {
  if (source.provider === 'vault') {
    return {
      vaultAddress: source.address,
      roleName: source.role,
      objects: JSON.stringify(source.secrets.map((s) => ({ objectName: s.fileName, secretPath: s.path, secretKey: s.key }))),
    };
  }
  return {
    objects: JSON.stringify(
      source.secrets.map((s) => ({
        objectName: s.secretName,
        objectType: 'secretsmanager',
        ...(s.keys && s.keys.length > 0 ? { jmesPath: s.keys.map((key) => ({ path: key, objectAlias: key })) } : {}),
      })),
    ),
  };
}

/**
 * The SecretProviderClass of secrets-store.csi.x-k8s.io/v1 as far as we render it. No model
 * package ships this CRD, so its fields are typed here after the driver's API
 * (kubernetes-sigs/secrets-store-csi-driver apis/v1/secretproviderclass_types.go).
 */
export interface SecretProviderClassObject {
  readonly apiVersion: 'secrets-store.csi.x-k8s.io/v1';
  readonly kind: 'SecretProviderClass';
  readonly metadata: { readonly name: string; readonly namespace: string; readonly labels: Readonly<Record<string, string>> };
  readonly spec: {
    /** The provider plugin that reads the secrets (`aws`, `vault`, ...). */
    readonly provider: string;
    /** Provider-specific settings; every value is a string. */
    readonly parameters: Readonly<Record<string, string>>;
  };
}

/**
 * Secrets mounted as files by the Secrets Store CSI driver, read from Vault or AWS Secrets
 * Manager with the pod's own identity. No Kubernetes Secret is created (no `secretObjects`), so
 * secret values never pass through etcd or Git.
 */
export class SecretProviderClass extends Construct {
  readonly name: string;

  constructor(scope: Construct, id: string, props: SecretProviderClassProps) {
    super(scope, id);
    if (props.source.secrets.length === 0) {
      throw new Error(`SecretProviderClass ${props.namespace}/${props.name}: secrets = [] is not allowed; allowed: at least one secret to mount`);
    }
    this.name = props.name;
    const object: SecretProviderClassObject = {
      apiVersion: 'secrets-store.csi.x-k8s.io/v1',
      kind: 'SecretProviderClass',
      metadata: { name: props.name, namespace: props.namespace, labels: { ...props.labels } },
      spec: { provider: props.source.provider, parameters: parameters(props.source) },
    };
    new ApiObject(this, 'Resource', object);
  }
}
