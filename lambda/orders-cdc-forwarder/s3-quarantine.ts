import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { KeepInQuarantine } from './quarantined-change';

/**
 * Keeps quarantine documents in the quarantine zone's bucket, one object each; the bucket encrypts them with the lake
 * key by default (SSE-KMS), so the request names no key.
 */
export function s3Quarantine(s3: S3Client, bucket: string): KeepInQuarantine {
  return async ({ key, body }) => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }));
  };
}
