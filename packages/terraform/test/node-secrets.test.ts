import { describe, expect, it } from 'vitest';
import { NodeSecrets } from '../src/node-secrets.js';
import { render } from './helpers.js';

describe('NodeSecrets', () => {
  it('stores generated values as SecureStrings under the cluster prefix, encrypted with a rotating key of its own', () => {
    const { resource, result, problems } = render((stack) => {
      const secrets = new NodeSecrets(stack, { clusterName: 'vet' });
      const token = stack.resource('random_password', 'token', { length: 48, special: false });
      return secrets.secret('rke2/token', token.attr('result'), 'join token');
    });
    expect(result.name).toBe('/wavesmith/vet/rke2/token');
    expect(resource('aws_ssm_parameter').node_rke2_token).toEqual({
      name: '/wavesmith/vet/rke2/token',
      tier: 'Standard',
      type: 'SecureString',
      key_id: '${aws_kms_key.node_secrets.arn}',
      value: '${random_password.token.result}',
      description: 'join token',
    });
    expect(resource('aws_kms_key').node_secrets).toMatchObject({ enable_key_rotation: true });
    expect(problems).toEqual([]);
  });

  it('grants reading exactly the named parameters and decrypting with the cluster key', () => {
    const { result } = render((stack) => {
      const secrets = new NodeSecrets(stack, { clusterName: 'vet' });
      const p = stack.resource('random_password', 'p', { length: 8 });
      const a = secrets.secret('a', p.attr('result'), 'a');
      secrets.secret('b', p.attr('result'), 'b');
      return secrets.readStatements('A', [a]);
    });
    expect(result.map((s) => ({ sid: s.sid, actions: s.actions, resources: s.resources.map((r) => (r as { hcl: string }).hcl) }))).toEqual([
      { sid: 'ReadA', actions: ['ssm:GetParameter'], resources: ['aws_ssm_parameter.node_a.arn'] },
      { sid: 'DecryptA', actions: ['kms:Decrypt'], resources: ['aws_kms_key.node_secrets.arn'] },
    ]);
  });
});
