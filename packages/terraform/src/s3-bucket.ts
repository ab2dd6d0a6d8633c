import { interpolate, type Ref } from './expression.js';
import { sid, type PolicyStatement } from './iam.js';
import type { Resource, Stack } from './stack.js';
import { tfName } from './names.js';

export interface S3BucketProps {
  /** Global bucket name (bucketName). */
  readonly bucketName: string;
  /** Days non-current versions are kept before expiry. @default 30 */
  readonly noncurrentVersionDays?: number;
}

export interface S3Bucket {
  readonly bucket: Resource<'aws_s3_bucket'>;
  /** Read/write access to the objects, for a workload role. */
  readonly readWrite: readonly PolicyStatement[];
}

/** A private bucket: versioned, encrypted, public access blocked, ACLs disabled, old versions expired. */
export function s3Bucket(stack: Stack, id: string, props: S3BucketProps): S3Bucket {
  const name = tfName(id);
  const bucket = stack.resource('aws_s3_bucket', name, { bucket: props.bucketName });
  const ref: Ref<'aws_s3_bucket'> = bucket.id;
  stack.resource('aws_s3_bucket_versioning', name, { bucket: ref, versioning_configuration: { status: 'Enabled' } });
  stack.resource('aws_s3_bucket_server_side_encryption_configuration', name, {
    bucket: ref,
    rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' }, bucket_key_enabled: true }],
  });
  stack.resource('aws_s3_bucket_public_access_block', name, {
    bucket: ref,
    block_public_acls: true,
    block_public_policy: true,
    ignore_public_acls: true,
    restrict_public_buckets: true,
  });
  stack.resource('aws_s3_bucket_ownership_controls', name, { bucket: ref, rule: { object_ownership: 'BucketOwnerEnforced' } });
  stack.resource('aws_s3_bucket_lifecycle_configuration', name, {
    bucket: ref,
    rule: [
      {
        id: 'expire-noncurrent-versions',
        status: 'Enabled',
        filter: {},
        noncurrent_version_expiration: { noncurrent_days: props.noncurrentVersionDays ?? 30 },
        abort_incomplete_multipart_upload: { days_after_initiation: 7 },
      },
    ],
  });
  const readWrite: PolicyStatement[] = [
    { sid: sid('list', id), actions: ['s3:ListBucket', 's3:GetBucketLocation'], resources: [bucket.arn] },
    {
      sid: sid('objects', id),
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: [interpolate`${bucket.arn}/*`],
    },
  ];
  return { bucket, readWrite };
}
