import { describe, expect, it } from 'vitest';
import { toJson } from '../src/expression.js';
import { render } from './helpers.js';
import { policyDocument, type UpstreamPolicy } from '../src/upstream-policies/upstream-policy.js';

const POLICY: UpstreamPolicy = {
  source: { repository: 'github.com/example/controller', tag: 'v1.0.0', file: 'policy.json' },
  name: 'ExamplePolicy',
  statements: [
    {
      Sid: 'Scoped',
      Effect: 'Allow',
      Action: ['ec2:RunInstances'],
      Resource: ['arn:{partition}:ec2:{region}:{account}:instance/*', '{queueArn}'],
      Condition: { StringEquals: { 'aws:RequestTag/kubernetes.io/cluster/{cluster}': 'owned' } },
    },
  ],
};

describe('policyDocument', () => {
  it('fills placeholders in values and condition keys, keeping references as references', () => {
    const { result } = render((stack) => {
      const queue = stack.resource('aws_sqs_queue', 'q', {});
      return policyDocument(POLICY, { partition: 'aws', region: 'us-east-1', account: '111122223333', cluster: 'tbyte', queueArn: queue.arn });
    });
    expect(toJson(result)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Scoped',
          Effect: 'Allow',
          Action: ['ec2:RunInstances'],
          Resource: ['arn:aws:ec2:us-east-1:111122223333:instance/*', '${aws_sqs_queue.q.arn}'],
          Condition: { StringEquals: { 'aws:RequestTag/kubernetes.io/cluster/tbyte': 'owned' } },
        },
      ],
    });
  });

  it('fails for a placeholder without a value, naming the policy and where it came from', () => {
    expect(() => policyDocument(POLICY, { partition: 'aws', region: 'us-east-1', account: '1', cluster: 'c' })).toThrow(
      'policy ExamplePolicy (github.com/example/controller v1.0.0): no value for placeholder {queueArn}',
    );
  });
});
