import { freshlyLoaded } from './support/freshly-loaded';

type DecimalValues = typeof import('../../lib/contracts/decimal-value');
/** Each test reads decimal text with its own copy of the module: see freshlyLoaded. */
const decimalDigits = (text: string) =>
  freshlyLoaded<DecimalValues>(() => require('../../lib/contracts/decimal-value')).decimalDigits(text);

test.each([
  ['10.5', { integerDigits: 2, scale: 1, significant: 3 }],
  ['10.50000000000000000000', { integerDigits: 2, scale: 1, significant: 3 }],
  ['0010.50', { integerDigits: 2, scale: 1, significant: 3 }],
  ['1.05e1', { integerDigits: 2, scale: 1, significant: 3 }],
  ['1.05E1', { integerDigits: 2, scale: 1, significant: 3 }],
  ['1e+21', { integerDigits: 22, scale: 0, significant: 1 }],
  ['100', { integerDigits: 3, scale: 0, significant: 1 }],
  ['5.', { integerDigits: 1, scale: 0, significant: 1 }],
  ['0.001', { integerDigits: 0, scale: 3, significant: 1 }],
  ['1.5e-3', { integerDigits: 0, scale: 4, significant: 2 }],
  ['-.25', { integerDigits: 0, scale: 2, significant: 2 }],
  ['-0.000', { integerDigits: 0, scale: 0, significant: 0 }],
  ['12345678901234567890123456789012345678', { integerDigits: 38, scale: 0, significant: 38 }],
])('%s has, by value, %p', (text, digits) => {
  expect(decimalDigits(text)).toEqual(digits);
});

test.each(['', '-', '.', '1.2.3', '1e', '1e+', '.e1', 'x1', '1x', '0x10', ' 1', '1 ', 'NaN', 'Infinity', '+1', '--1'])(
  '%p is not decimal text',
  (text) => {
    expect(decimalDigits(text)).toBeUndefined();
  },
);
