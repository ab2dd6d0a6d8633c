import { checkTerraform } from '@wavesmith/checks';
import type { SubnetSpec } from '@wavesmith/model';
import { awsNetwork, type AwsNetwork } from '../src/aws-network.js';
import { NodeWorkloadGrants } from '../src/node-workload-grants.js';
import { s3Bucket } from '../src/s3-bucket.js';
import { Stack } from '../src/stack.js';
import { grantControllers, WorkloadAccess } from '../src/workload-roles.js';

export type Json = Record<string, any>;

/** Runs a module in a fresh stack and returns the document, its blocks by type and what checkTerraform finds. */
export function render<T>(build: (stack: Stack) => T): { result: T; doc: Json; resource: (type: string) => Json; data: (type: string) => Json; problems: string[] } {
  const stack = new Stack();
  const result = build(stack);
  const doc = stack.toJSON() as Json;
  return {
    result,
    doc,
    resource: (type) => doc.resource?.[type] ?? {},
    data: (type) => doc.data?.[type] ?? {},
    problems: checkTerraform(doc).map((p) => `${p.rule}: ${p.message}`),
  };
}

/** Seed 003's VPC: three public and three private /20 subnets in us-east-1a-c. */
export const SEED_003_SUBNETS: SubnetSpec[] = [
  { name: 'public-subnet-1a', cidr: '10.1.0.0/20', role: 'public', zone: 'a' },
  { name: 'public-subnet-1b', cidr: '10.1.16.0/20', role: 'public', zone: 'b' },
  { name: 'public-subnet-1c', cidr: '10.1.80.0/20', role: 'public', zone: 'c' },
  { name: 'private-subnet-1a', cidr: '10.1.32.0/20', role: 'private', zone: 'a' },
  { name: 'private-subnet-1b', cidr: '10.1.48.0/20', role: 'private', zone: 'b' },
  { name: 'private-subnet-1c', cidr: '10.1.64.0/20', role: 'private', zone: 'c' },
];

/** Seed 001's VPC: public 10.0.1-2.0/24, private 10.0.10-11.0/24 in two zones. */
export const SEED_001_SUBNETS: SubnetSpec[] = [
  { name: 'public-a', cidr: '10.0.1.0/24', role: 'public', zone: 'a' },
  { name: 'public-b', cidr: '10.0.2.0/24', role: 'public', zone: 'b' },
  { name: 'private-a', cidr: '10.0.10.0/24', role: 'private', zone: 'a' },
  { name: 'private-b', cidr: '10.0.11.0/24', role: 'private', zone: 'b' },
];

export function network(stack: Stack, cidr = '10.1.0.0/16', subnets = SEED_003_SUBNETS): AwsNetwork {
  return awsNetwork(stack, { name: 'test', region: 'us-east-1', cidr, subnets, natGateways: 'single' });
}

/** Ingress rules of the document as `protocol port(-to) from source` lines, for readable assertions. */
export function ingressLines(resource: (type: string) => Json, group: string): string[] {
  return Object.values(resource('aws_vpc_security_group_ingress_rule'))
    .filter((r: Json) => r.security_group_id === `\${aws_security_group.${group}.id}`)
    .map((r: Json) => {
      const ports = r.ip_protocol === '-1' ? 'all' : r.from_port === r.to_port ? `${r.from_port}` : `${r.from_port}-${r.to_port}`;
      return `${r.ip_protocol} ${ports} from ${r.cidr_ipv4 ?? r.referenced_security_group_id}`;
    });
}

/**
 * The workloads' grants of an EC2 cluster: the EBS CSI driver's upstream policy and, when
 * `bucket` is set, read/write access to a bucket for a second workload.
 */
export function ebsAndBucketGrants(stack: Stack, options: { bucket?: boolean; clusterName?: string } = {}): NodeWorkloadGrants {
  const access = new WorkloadAccess(['ebs-csi-driver', 'uploads']);
  grantControllers(access, ['ebs-csi-driver'], { partition: 'aws', region: 'us-east-1', account: '111122223333', cluster: options.clusterName ?? 'vet' });
  if (options.bucket) access.grant('uploads', s3Bucket(stack, 'uploads', { bucketName: 'vet-uploads' }).readWrite);
  return new NodeWorkloadGrants(stack, { clusterName: options.clusterName ?? 'vet', access });
}

/** The IMDSv2 hop limit of every instance of the document, by resource name. */
export function hopLimits(resource: (type: string) => Json): Record<string, number> {
  return Object.fromEntries(Object.entries(resource('aws_instance')).map(([name, i]) => [name, (i as Json).metadata_options.http_put_response_hop_limit]));
}
