import { describe, expect, it } from 'vitest';
import { checkSecretLiterals, checkTerraformSecrets } from '../src/secrets.js';

/** Each problem as `rule file: message`. */
const described = (problems: readonly { rule: string; file?: string; message: string }[]) => problems.map((p) => `${p.rule}${p.file ? ` ${p.file}` : ''}: ${p.message}`);

describe('checkSecretLiterals', () => {
  it('finds secret-shaped text in any rendered file, naming the file, line and kind', () => {
    const files = [
      { path: 'dist/a/terraform/main.tf.json', content: '{\n  "token": "abcdef.0123456789abcdef"\n}' },
      { path: 'dist/a/apps/x/secret.yaml', content: 'key: |\n  -----BEGIN RSA PRIVATE KEY-----\n' },
      { path: 'dist/a/README.md', content: 'K10' + 'a'.repeat(64) + '::server:abc' },
      { path: 'dist/a/ok.yaml', content: 'image: registry.k8s.io/pause:3.10\nhost: argoproj.github.io\nrepo: https://kubernetes.default.svc\n' },
    ];
    expect(described(checkSecretLiterals(files))).toEqual([
      'secret-in-output dist/a/terraform/main.tf.json: line 2 contains a kubeadm bootstrap token; secrets reach their consumers by reference (SSM, Secrets Manager, Vault), never as text in dist/',
      'secret-in-output dist/a/apps/x/secret.yaml: line 2 contains a PEM private key; secrets reach their consumers by reference (SSM, Secrets Manager, Vault), never as text in dist/',
      'secret-in-output dist/a/README.md: line 1 contains an RKE2 join token; secrets reach their consumers by reference (SSM, Secrets Manager, Vault), never as text in dist/',
    ]);
  });
});

describe('checkTerraformSecrets', () => {
  const generated = { random_password: { token: { length: 32 } }, tls_private_key: { ca: { algorithm: 'RSA' } } };

  it('accepts generated secrets going to SSM SecureStrings with a key, Secrets Manager, their database and their certificate', () => {
    const doc = {
      resource: {
        ...generated,
        aws_ssm_parameter: { t: { type: 'SecureString', key_id: '${aws_kms_key.k.arn}', value: '${random_password.token.result}' } },
        aws_secretsmanager_secret_version: { s: { secret_string: '${jsonencode({ "p" = random_password.token.result })}' } },
        aws_db_instance: { db: { password: '${random_password.token.result}' } },
        tls_self_signed_cert: { ca: { private_key_pem: '${tls_private_key.ca.private_key_pem}' } },
      },
    };
    expect(checkTerraformSecrets(doc)).toEqual([]);
  });

  it('rejects a generated secret in user data, a plain String parameter, tags or an output, and secret literals', () => {
    const doc = {
      output: { key: { value: '${tls_private_key.ca.private_key_pem}' } },
      resource: {
        ...generated,
        aws_instance: { node: { user_data: 'token: ${random_password.token.result}' } },
        aws_ssm_parameter: {
          plain: { type: 'String', value: '${random_password.token.result}' },
          defaultKey: { type: 'SecureString', value: '${random_password.token.result}' },
        },
        aws_db_instance: { db: { password: 'hunter22hunter22' } },
      },
    };
    expect(described(checkTerraformSecrets(doc))).toEqual([
      'tf-secret-reference: output.key.value: refers to the generated secret tls_private_key.ca.private_key_pem; it may only go to a secret store (SSM SecureString, Secrets Manager) or the resource it belongs to',
      'tf-secret-reference: resource.aws_instance.node.user_data: refers to the generated secret random_password.token.result; it may only go to a secret store (SSM SecureString, Secrets Manager) or the resource it belongs to',
      'tf-secret-reference: resource.aws_ssm_parameter.plain.value: refers to the generated secret random_password.token.result; it may only go to a secret store (SSM SecureString, Secrets Manager) or the resource it belongs to',
      'tf-secret-key: resource.aws_ssm_parameter.defaultKey: SecureString without key_id; the default aws/ssm key lets every principal of the account decrypt it',
      'tf-secret-literal: resource.aws_db_instance.db.password: is a literal; a secret argument takes a reference to a generated secret',
    ]);
  });
});
