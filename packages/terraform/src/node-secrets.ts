import type { Expression, Ref } from './expression.js';
import type { PolicyStatement } from './iam.js';
import type { Resource, Stack } from './stack.js';
import { tfName } from './names.js';

/** A value nodes read at boot from SSM Parameter Store; user data carries only its name. */
export interface NodeParameter {
  /** `/wavesmith/<cluster>/<name>`: a literal, so user data can name it. */
  readonly name: string;
  readonly arn: Ref<'aws_ssm_parameter'>;
}

export interface NodeSecretsProps {
  readonly clusterName: string;
}

/**
 * Where a self-managed cluster's generated secrets (join tokens, the CA key) wait for the nodes:
 * SSM SecureString parameters under `/wavesmith/<cluster>/`, encrypted with a key of the
 * cluster's own. The account's default `aws/ssm` key lets every IAM principal of the account
 * decrypt (AWS Systems Manager user guide, "Restricting decryption of SecureString parameter
 * values"), so each node role gets kms:Decrypt on this key and ssm:GetParameter on exactly the
 * parameters it needs.
 */
export class NodeSecrets {
  readonly key: Resource<'aws_kms_key'>;
  readonly #stack: Stack;
  readonly #prefix: string;

  constructor(stack: Stack, props: NodeSecretsProps) {
    this.#stack = stack;
    this.#prefix = `/wavesmith/${props.clusterName}`;
    this.key = stack.resource('aws_kms_key', 'node_secrets', {
      description: `${props.clusterName} node join secrets (SSM parameters)`,
      enable_key_rotation: true,
      deletion_window_in_days: 30,
    });
    stack.resource('aws_kms_alias', 'node_secrets', { name: `alias/wavesmith/${props.clusterName}/node-secrets`, target_key_id: this.key.attr('key_id') });
  }

  /** A SecureString holding a value Terraform generated (passed as a reference, never a literal). */
  secret(name: string, value: Expression, description: string): NodeParameter {
    return this.#parameter(name, { type: 'SecureString', key_id: this.key.arn, value, description });
  }

  /** A String for what nodes need but is not secret (a CA certificate). */
  plain(name: string, value: Expression, description: string): NodeParameter {
    return this.#parameter(name, { type: 'String', value, description });
  }

  /** Read access to exactly these parameters, for a node role. */
  readStatements(sid: string, parameters: readonly NodeParameter[]): PolicyStatement[] {
    return [
      { sid: `Read${sid}`, actions: ['ssm:GetParameter'], resources: parameters.map((p) => p.arn) },
      { sid: `Decrypt${sid}`, actions: ['kms:Decrypt'], resources: [this.key.arn] },
    ];
  }

  #parameter(name: string, body: Record<string, Expression | string>): NodeParameter {
    const full = `${this.#prefix}/${name}`;
    // Standard tier holds 4 KB: enough for a token, an RSA key or a kubeconfig.
    const parameter = this.#stack.resource('aws_ssm_parameter', tfName('node', name), { name: full, tier: 'Standard', ...body });
    return { name: full, arn: parameter.arn };
  }
}
