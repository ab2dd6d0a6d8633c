import type { ObjectRef, Problem } from '@wavesmith/model';

/**
 * No secret in dist/ (DESIGN.md, output contract): secrets Terraform generates reach their
 * consumers by reference, and no rendered file holds one as text.
 */

/** Shapes of secrets that never belong in a rendered file. */
const SECRET_SHAPES: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  { what: 'a PEM private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  // kubeadm bootstrap tokens: `[a-z0-9]{6}.[a-z0-9]{16}` (kubeadm bootstraptoken/v1).
  { what: 'a kubeadm bootstrap token', pattern: /(?<![\w.-])[a-z0-9]{6}\.[a-z0-9]{16}(?![\w.-])/ },
  // RKE2/K3s secure tokens: `K10<CA hash>::<user>:<password>`.
  { what: 'an RKE2 join token', pattern: /\bK10[0-9a-f]{64}::/ },
  { what: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { what: 'an Azure storage account key', pattern: /AccountKey=[A-Za-z0-9+/]{86}==/ },
];

/** Every rendered file that contains something shaped like a secret, naming the file, the line and what it looks like. */
export function checkSecretLiterals(files: readonly { readonly path: string; readonly content: string }[]): Problem[] {
  const problems: Problem[] = [];
  for (const file of files) {
    const lines = file.content.split('\n');
    for (const shape of SECRET_SHAPES) {
      const line = lines.findIndex((l) => shape.pattern.test(l));
      if (line !== -1) {
        problems.push({ rule: 'secret-in-output', file: file.path, message: `line ${line + 1} contains ${shape.what}; secrets reach their consumers by reference (SSM, Secrets Manager, Vault), never as text in dist/` });
      }
    }
  }
  return problems;
}

/** Attributes of Terraform resources that hold generated secrets. */
const GENERATED: Readonly<Record<string, readonly string[]>> = {
  random_password: ['result', 'bcrypt_hash'],
  random_string: ['result'],
  tls_private_key: ['private_key_pem', 'private_key_openssh', 'private_key_pem_pkcs8'],
};

/**
 * Where a generated secret may go: into a secret store, or into the one resource that consumes
 * it directly (the database its password belongs to, the certificate its key signs). Anything
 * else (user data, tags, outputs, chart values, another resource's argument) would copy it
 * into a plan, a console or a file.
 */
const SINKS: Readonly<Record<string, readonly string[]>> = {
  aws_ssm_parameter: ['value'],
  aws_secretsmanager_secret_version: ['secret_string'],
  aws_db_instance: ['password'],
  aws_rds_cluster: ['master_password'],
  tls_self_signed_cert: ['private_key_pem'],
  tls_cert_request: ['private_key_pem'],
  tls_locally_signed_cert: ['ca_private_key_pem'],
};

/** Arguments that take a secret: a literal there would be a secret written into dist/. */
const SECRET_ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  aws_db_instance: ['password'],
  aws_rds_cluster: ['master_password'],
  aws_secretsmanager_secret_version: ['secret_string'],
};

type Json = Record<string, unknown>;

/**
 * Problems in a Terraform JSON document: a generated secret referenced anywhere but a secret
 * store or its direct consumer, a SecureString parameter not encrypted with a key of ours, and
 * a secret argument given as a literal.
 */
export function checkTerraformSecrets(doc: Json): Problem[] {
  const problems: Problem[] = [];
  const generated = new RegExp(`\\b((?:${Object.keys(GENERATED).join('|')})\\.[A-Za-z_][\\w-]*)\\.(${[...new Set(Object.values(GENERATED).flat())].join('|')})\\b`, 'g');
  const visit = (value: unknown, where: string, path: string, sink: boolean, object?: ObjectRef): void => {
    if (typeof value === 'string') {
      for (const match of value.matchAll(generated)) {
        if (!sink) {
          problems.push({
            rule: 'tf-secret-reference',
            path,
            message: `${where}: refers to the generated secret ${match[1]}.${match[2]}; it may only go to a secret store (SSM SecureString, Secrets Manager) or the resource it belongs to`,
            ...(object ? { object } : {}),
          });
        }
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${where}[${i}]`, `${path}/${i}`, sink, object));
    else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) visit(v, `${where}.${k}`, `${path}/${k}`, sink, object);
  };
  for (const section of ['provider', 'locals', 'output', 'variable', 'data'] as const) visit(doc[section], section, `/${section}`, false);
  for (const [type, byName] of Object.entries(asObject(doc.resource))) {
    for (const [name, body] of Object.entries(asObject(byName))) {
      const where = `resource.${type}.${name}`;
      const at = `/resource/${type}/${name}`;
      const object = { kind: type, name };
      const b = asObject(body);
      for (const [attribute, value] of Object.entries(b)) {
        const toStore = (SINKS[type] ?? []).includes(attribute) && (type !== 'aws_ssm_parameter' || b.type === 'SecureString');
        visit(value, `${where}.${attribute}`, `${at}/${attribute}`, toStore, object);
        if ((SECRET_ARGUMENTS[type] ?? []).includes(attribute) && typeof value === 'string' && !value.includes('${')) {
          problems.push({ rule: 'tf-secret-literal', object, path: `${at}/${attribute}`, message: `${where}.${attribute}: is a literal; a secret argument takes a reference to a generated secret` });
        }
      }
      if (type === 'aws_ssm_parameter' && b.type === 'SecureString' && typeof b.key_id !== 'string') {
        problems.push({ rule: 'tf-secret-key', object, path: at, message: `${where}: SecureString without key_id; the default aws/ssm key lets every principal of the account decrypt it` });
      }
    }
  }
  return problems;
}

function asObject(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}
