import { CodeGeneration } from '../../lib/contracts/generated-code';
import { fieldChecksOf } from '../../lib/contracts/validate-record';
import { column } from '../support/every-kind-contract';

const check = fieldChecksOf({ name: 'walked', description: 'A walked contract', columns: [column('id', 'string')], businessKey: [] });

describe('a generated column walk', () => {
  test('ends with the statement it is given to return, after listing unknown keys', () => {
    const generation = new CodeGeneration('reader');
    generation.fieldsFunction(check, { parameters: 'parent, reasons', locals: [], field: () => '', returns: 'return present;' });
    expect(generation.functions[0].split('\n').slice(-3)).toEqual([
      '  if (Object.keys(map).length !== present) unknownFields(k0, map, parent, reasons, at);',
      '  return present;',
      '}',
    ]);
  });

  test('returns nothing when given no statement', () => {
    const generation = new CodeGeneration('checker');
    generation.fieldsFunction(check, { parameters: 'parent, reasons', locals: [], field: () => '' });
    expect(generation.functions[0].split('\n').slice(-2)).toEqual(['  if (Object.keys(map).length !== present) unknownFields(k0, map, parent, reasons, at);', '}']);
  });
});
