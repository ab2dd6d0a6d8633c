import { describe, expect, it } from 'vitest';
import { s3Bucket } from '../src/s3-bucket.js';
import { render } from './helpers.js';

describe('s3Bucket', () => {
  it('creates a versioned, encrypted, private bucket under the shared name', () => {
    const { resource, problems } = render((stack) => s3Bucket(stack, 'loki-chunks', { bucketName: 'production-cluster-loki-chunks' }));
    expect(resource('aws_s3_bucket').loki_chunks).toEqual({ bucket: 'production-cluster-loki-chunks' });
    expect(resource('aws_s3_bucket_versioning').loki_chunks).toEqual({ bucket: '${aws_s3_bucket.loki_chunks.id}', versioning_configuration: { status: 'Enabled' } });
    expect(resource('aws_s3_bucket_server_side_encryption_configuration').loki_chunks.rule[0].apply_server_side_encryption_by_default).toEqual({ sse_algorithm: 'AES256' });
    expect(resource('aws_s3_bucket_public_access_block').loki_chunks).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(resource('aws_s3_bucket_lifecycle_configuration').loki_chunks.rule[0].noncurrent_version_expiration).toEqual({ noncurrent_days: 30 });
    expect(problems).toEqual([]);
  });

  it('grants read/write on the bucket and its objects', () => {
    const { result } = render((stack) => s3Bucket(stack, 'tempo-traces', { bucketName: 'x-tempo-traces' }));
    expect(result.readWrite.map((s) => [s.sid, s.actions])).toEqual([
      ['ListTempoTraces', ['s3:ListBucket', 's3:GetBucketLocation']],
      ['ObjectsTempoTraces', ['s3:GetObject', 's3:PutObject', 's3:DeleteObject']],
    ]);
  });
});
