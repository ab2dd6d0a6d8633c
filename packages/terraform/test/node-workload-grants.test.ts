import type { NodePoolSpec } from '@wavesmith/model';
import { describe, expect, it } from 'vitest';
import { NodeWorkloadGrants } from '../src/node-workload-grants.js';
import { WorkloadAccess } from '../src/workload-roles.js';
import { ebsAndBucketGrants, render } from './helpers.js';

const pool = (name: string, taints?: NodePoolSpec['taints']): NodePoolSpec => ({ name, instanceTypes: ['t3.large'], image: 'ubuntu-22.04', minSize: 1, maxSize: 1, diskGiB: 50, taints });

describe('NodeWorkloadGrants', () => {
  it('makes each upstream policy a customer managed policy of the cluster and keeps statement ids apart per workload', () => {
    const { result, resource, problems } = render((stack) => ebsAndBucketGrants(stack, { bucket: true }));
    expect(Object.keys(resource('aws_iam_policy'))).toEqual(['nodes_ebs_csi_driver']);
    expect(resource('aws_iam_policy').nodes_ebs_csi_driver.name).toBe('vet-nodes-ebs-csi-driver');
    expect(resource('aws_iam_policy').nodes_ebs_csi_driver.policy).toContain('"aws:RequestTag/ebs.csi.aws.com/cluster" = "true"');
    const grants = result.forPools([pool('agent')]);
    expect(grants.policies.map((p) => p.address)).toEqual(['aws_iam_policy.nodes_ebs_csi_driver']);
    expect(grants.statements.map((s) => s.sid)).toEqual(['UploadsListUploads', 'UploadsObjectsUploads']);
    expect(problems).toEqual([]);
  });

  it('grants a role shared by pools when workload pods run on any of them, and raises the hop limit only on those pools', () => {
    const { result } = render((stack) => ebsAndBucketGrants(stack));
    const tainted = pool('gpu', [{ key: 'gpu', effect: 'NoSchedule' }]);
    const preferred = pool('spot', [{ key: 'spot', effect: 'PreferNoSchedule' }]);
    expect(result.forPools([tainted, preferred]).policies).toHaveLength(1);
    expect(result.forPools([tainted]).policies).toEqual([]);
    expect([result.hopLimit(tainted), result.hopLimit(preferred), result.hopLimit(pool('agent'))]).toEqual([1, 2, 2]);
  });

  it('grants nothing and keeps hop limit 1 when the declared workloads have no permissions', () => {
    const { result, resource } = render((stack) => new NodeWorkloadGrants(stack, { clusterName: 'vet', access: new WorkloadAccess(['loki']) }));
    expect(result.forPools([pool('agent')])).toEqual({ policies: [], statements: [] });
    expect(result.hopLimit(pool('agent'))).toBe(1);
    expect(resource('aws_iam_policy')).toEqual({});
  });
});
