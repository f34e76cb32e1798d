import { createHash } from 'node:crypto';

/**
 * The one-row view `email_hash_key(inner_pad, outer_pad)` that customers_changes.sql reads to compute HMAC-SHA256 of an
 * e-mail in SQL (neither Spark nor DuckDB has an HMAC function): HMAC(K, m) = SHA256(outer_pad || SHA256(inner_pad || m))
 * (RFC 2104). The Glue job derives the pads from the Secrets Manager key in Python (glue-scripts/raw_to_curated.py),
 * the local runner with `hmacPads`; both must stay in step.
 */
export const EMAIL_HASH_KEY_VIEW = 'email_hash_key';

/** SHA-256 block size in bytes: the key is zero-padded to it (keys longer than a block are hashed first). */
export const HMAC_SHA256_BLOCK_SIZE = 64;

/** The fixed key of local runs and tests, so their curated tables are reproducible. Not a secret. */
export const LOCAL_EMAIL_HASH_KEY = 'local-email-hash-key';

export interface HmacPads {
  readonly innerPad: Buffer;
  readonly outerPad: Buffer;
}

/** The HMAC-SHA256 inner and outer padded keys of a UTF-8 key. */
export function hmacPads(key: string): HmacPads {
  const utf8 = Buffer.from(key, 'utf8');
  const bytes = utf8.length > HMAC_SHA256_BLOCK_SIZE ? createHash('sha256').update(utf8).digest() : utf8;
  const block = Buffer.alloc(HMAC_SHA256_BLOCK_SIZE);
  bytes.copy(block);
  return { innerPad: Buffer.from(block.map((b) => b ^ 0x36)), outerPad: Buffer.from(block.map((b) => b ^ 0x5c)) };
}
