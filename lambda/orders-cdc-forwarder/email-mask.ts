import { createHmac } from 'node:crypto';

/**
 * The keyed hash that replaces a customer e-mail: HMAC-SHA256 over the trimmed, lower-cased address, hex-encoded.
 * Keyed (not a bare hash) so nobody without the key can confirm a guessed address; stable while the key is.
 */
export function maskEmail(email: string, key: string): string {
  return createHmac('sha256', key).update(email.trim().toLowerCase()).digest('hex');
}
