import { createHmac } from 'node:crypto';
import { maskEmail } from '../../../lambda/orders-cdc-forwarder/email-mask';

test.each(['local-email-hash-key', 'k'.repeat(65), 'clé-ключ', ''])('is HMAC-SHA256 under key %p, whatever the key last used', (key) => {
  expect(maskEmail('jane@example.com', 'another key')).toBe(createHmac('sha256', 'another key').update('jane@example.com').digest('hex'));
  expect(maskEmail('jane@example.com', key)).toBe(createHmac('sha256', key).update('jane@example.com').digest('hex'));
});

test('hashes the normalized address: one mailbox, one hash', () => {
  expect(maskEmail('\t JANE@Example.COM\u00A0', 'k')).toBe(maskEmail('jane@example.com', 'k'));
});

test.each([
  ['a long address', `${'a'.repeat(300)}@example.com`],
  ['an address in another script', 'δοκιμή@παράδειγμα.ελ'],
  ['a short address after a long one', 'j@example.com'],
])('hashes %s as createHmac does', (_, email) => {
  expect(maskEmail(email, 'k')).toBe(createHmac('sha256', 'k').update(email).digest('hex'));
});
