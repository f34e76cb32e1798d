import { isEmailAddress } from '../../lib/contracts';

test.each([
  'jane.doe@example.com', "o'brien+orders@example.ie", 'i\u0307lknur@örnek.com.tr', 'δοκιμή@παράδειγμα.ελ', 'a@b.co',
  'user_1@mail-server.example.co.uk', `${'l'.repeat(64)}@example.com`,
])('%s is an address', (text) => {
  expect(isEmailAddress(text)).toBe(true);
});

test.each([
  ['empty', ''], ['no @', 'jane.doe'], ['two @', 'jane@doe@example.com'], ['no domain', 'jane@'], ['no local part', '@example.com'],
  ['a domain without a dot', 'jane@localhost'], ['a numeric top-level label', 'jane@example.123'], ['a space', 'jane doe@example.com'],
  ['a tab', 'jane\t@example.com'], ['a leading dot', '.jane@example.com'], ['two dots', 'jane..doe@example.com'],
  ['a label starting with a hyphen', 'jane@-example.com'], ['a quoted local part', '"jane doe"@example.com'],
  ['an address literal', 'jane@[192.0.2.1]'], ['a local part over 64 bytes', `${'l'.repeat(65)}@example.com`],
  ['an address over 254 bytes', `jane@${Array.from({ length: 5 }, () => 'd'.repeat(60)).join('.')}.com`],
  ['a label over 63 characters', `jane@${'d'.repeat(64)}.com`],
])('%s is not an address', (_, text) => {
  expect(isEmailAddress(text)).toBe(false);
});
