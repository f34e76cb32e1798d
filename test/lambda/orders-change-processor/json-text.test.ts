import { isFaithfulJsonText, jsonTextProblem } from '../../../lambda/orders-change-processor/json-text';

const read = (text: string) => [text, JSON.parse(text)] as const;

describe('isFaithfulJsonText: may the bytes be delivered as they are?', () => {
  test('yes, for text as JSON.stringify writes it', () => {
    expect(isFaithfulJsonText(...read(JSON.stringify({ a: 'x', b: [1, { c: 2.5 }], d: null, e: true })))).toBe(true);
  });

  test.each([
    ['a key given twice', '{"a":"x","b":1,"a":"y"}'],
    ['a key given twice with the same value', '{"a":1,"a":1}'],
    ['a number with more digits than a double keeps', '{"a":1.000000000000000000001}'],
    ['a number with an exponent', '{"a":1e2}'],
    ['an escape', '{"a":"\\u0041"}'],
    ['a line break between tokens', '{"a":1,\n"b":2}'],
  ])('no, for %s', (_, text) => {
    expect(isFaithfulJsonText(...read(text))).toBe(false);
  });
});

describe('jsonTextProblem: what JSON.parse hides', () => {
  test.each([
    ['{"a":{"b":1,"b":2}}', 'key "b" appears twice in one object'],
    ['{"st\\u0061tus":"X","status":"Y"}', 'key "status" appears twice in one object'],
    ['[{"a":1},{"a":1}]', undefined],
    ['{"a":"\\"a\\":1,"}', undefined],
    ['{"a":1.000000000000000000001}', 'number 1.000000000000000000001 has 22 significant digits; only 15 are kept exactly'],
    ['{"a":10.50000000000000000000}', undefined],
    ['{ "a" : 1 }', undefined],
  ])('%s: %p', (text, problem) => {
    expect(jsonTextProblem(text)).toBe(problem);
  });
});
