import { awsRoleArn, clusterContext } from '@wavesmith/model';
import { describe, expect, it } from 'vitest';
import { cluster, EKS_BASE, issues, plansOf, REGISTRY } from '../fixtures.js';

const withController = (options: Record<string, unknown>) => cluster(EKS_BASE, { platform: [{ name: 'aws-load-balancer-controller', ...options }] });
const serviceAccount = (options: Record<string, unknown>) =>
  (plansOf(withController(options)).find((p) => p.name === 'aws-load-balancer-controller')!.chart!.values as Record<string, any>).serviceAccount;

describe('awsLoadBalancerController', () => {
  it('binds its role through IRSA by default: the service account carries the role ARN', () => {
    const spec = withController({});
    expect(serviceAccount({})).toEqual({ create: true, name: 'aws-load-balancer-controller', annotations: { 'eks.amazonaws.com/role-arn': awsRoleArn(spec, 'aws-load-balancer-controller') } });
    expect(clusterContext(spec, REGISTRY).awsWorkload('aws-load-balancer-controller')).toMatchObject({ identity: 'irsa' });
  });

  it('with Pod Identity (seed 003) declares its workload so and leaves the role annotation off its service account', () => {
    const spec = withController({ identity: 'pod-identity' });
    expect(serviceAccount({ identity: 'pod-identity' })).toEqual({ create: true, name: 'aws-load-balancer-controller', annotations: {} });
    expect(clusterContext(spec, REGISTRY).awsWorkload('aws-load-balancer-controller')).toEqual({
      name: 'aws-load-balancer-controller',
      serviceAccounts: ['kube-system:aws-load-balancer-controller'],
      identity: 'pod-identity',
      providedBy: 'aws-load-balancer-controller',
    });
  });

  it('rejects an identity other than IRSA or Pod Identity', () => {
    expect(issues(EKS_BASE, { platform: [{ name: 'aws-load-balancer-controller', identity: 'kiam' } as never] })).toEqual([
      'clusters/test.ts [cluster test-eks] /platform/1/identity: got "kiam"; allowed: one of "irsa", "pod-identity"',
    ]);
  });
});
