import { type Dataset, keyOnlyRecord, keyOnlyVariantOf } from './dataset';
import { CodeGeneration, indent, quote, scalarTest } from './generated-code';
import { normalizeText } from './text-normalization';
import { conformTimestamp } from './timestamp';
import {
  type Conformance, conformElement, conformField, conformRecord, type FieldCheck, fieldChecksOf, type FieldsCheck, unknownKeys, type ValueCheck,
} from './validate-record';

export type RecordChecker = (record: unknown) => Conformance;

/**
 * `conformRecord(dataset, record)` compiled once per dataset, for handlers that conform thousands of records per
 * invocation: a function generated from the contract that reads each column by name and tests a conforming value
 * inline (`generated-code.ts`). Same reasons, same normalization in place, same `changed`: anything but a conforming
 * value goes to `conformField` / `conformElement`, and a record that is not an object to `conformRecord` itself. A
 * dataset with key-only rows gets a second checker, for its key-only variant, chosen per record as `conformRecord` does.
 */
export function recordCheckerOf(dataset: Dataset): RecordChecker {
  let checker = checkers.get(dataset);
  if (!checker) {
    checker = compile(dataset);
    if (dataset.keyOnly) {
      const full = checker;
      const keyOnly = compile(keyOnlyVariantOf(dataset));
      checker = (record) => (isObjectValue(record) && keyOnlyRecord(dataset, record) ? keyOnly(record) : full(record));
    }
    checkers.set(dataset, checker);
  }
  return checker;
}

function compile(dataset: Dataset): RecordChecker {
  const { generation, source } = generate(dataset);
  return generation.compile<RecordChecker>(source, RUNTIME);
}

function isObjectValue(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JavaScript source `recordCheckerOf` compiles for `dataset`, to read (a test keeps ORDER_CHANGE's as a snapshot). */
export function recordCheckerSource(dataset: Dataset): string {
  return generate(dataset).source;
}

const checkers = new WeakMap<Dataset, RecordChecker>();

/** What generated code calls. */
const RUNTIME = {
  normalizeText,
  conformTimestamp,
  conform: conformField,
  conformElement,
  conformRecord,
  /** The reasons of keys the contract does not know, in front of the reasons of the fields at that level, as `conformRecord` puts them. */
  unknownFields(check: FieldsCheck, map: object, parent: string, reasons: string[], at: number): void {
    reasons.splice(at, 0, ...unknownKeys(check, map, -1).map((key) => `${parent}${key}: unknown field`));
  },
};

/**
 * Generates the checker: one function per struct and per array of the contract, each conforming its value in place and
 * noting in `normalizing.changed` whether it changed anything, as `conformRecord` does.
 */
class CheckerGeneration extends CodeGeneration {
  constructor() {
    super('checker');
  }

  /** A function conforming an object against `check`: `(map, parent, reasons, normalizing)`. */
  fieldsChecker(check: FieldsCheck): string {
    return this.fieldsFunction(check, {
      parameters: 'parent, reasons, normalizing',
      locals: ['value', 'declared'],
      field: (field) => this.fieldChecker(field),
    });
  }

  /** Statements conforming one field of `map`, and writing its declared form back when it differs. */
  private fieldChecker(field: FieldCheck): string {
    const name = this.columnName(field);
    const f = this.constant(field);
    const fallback = `conform(${f}, value, parent, reasons, normalizing)`;
    let check: string;
    switch (field.value.kind) {
      case 'struct':
        check = `declared = ${isObject('value')} ? (${this.fieldsChecker(field.value.fields)}(value, parent + ${quote(`${field.name}.`)}, reasons, normalizing), value) : ${fallback};`;
        break;
      case 'array':
        check = `declared = Array.isArray(value) ? (${this.arrayChecker(field.value)}(value, parent + ${name}, reasons, normalizing), value) : ${fallback};`;
        break;
      default: {
        const test = scalarTest(this, field);
        check = test
          ? `if (typeof value === "${test.type}") {\n  const plain = value;\n  declared = ${test.declared};\n` +
            `  if (!(${test.conforms})) declared = ${fallback};\n} else declared = ${fallback};`
          : `declared = ${fallback};`;
      }
    }
    return [
      `  value = map[${name}];`,
      `  if (value !== undefined || ${name} in map) present++;`,
      indent(check, 2),
      '  if (!Object.is(declared, value)) {',
      `    map[${name}] = declared;`,
      '    normalizing.changed = true;',
      '  }',
    ].join('\n');
  }

  /** A function conforming the elements of an array against an array check, in place: `(list, path, reasons, normalizing)`. */
  private arrayChecker(check: ValueCheck & { kind: 'array' }): string {
    const { name, define } = this.reserve('array');
    const fallback = `conformElement(${this.constant(check.element)}, element, path, i, reasons, normalizing)`;
    let conformed: string;
    switch (check.element.kind) {
      case 'struct':
        conformed = `${isObject('element')} ? (${this.fieldsChecker(check.element.fields)}(element, path + "[" + i + "].", reasons, normalizing), element) : ${fallback}`;
        break;
      case 'array':
        conformed = `Array.isArray(element) ? (${this.arrayChecker(check.element)}(element, path + "[" + i + "]", reasons, normalizing), element) : ${fallback}`;
        break;
      default:
        conformed = fallback;
    }
    define([
      `function ${name}(list, path, reasons, normalizing) {`,
      '  for (let i = 0; i < list.length; i++) {',
      '    const element = list[i];',
      `    const declared = ${conformed};`,
      '    if (!Object.is(declared, element)) {',
      '      list[i] = declared;',
      '      normalizing.changed = true;',
      '    }',
      '  }',
      '}',
    ]);
    return name;
  }
}

/** A plain object, as `conformRecord` takes a struct: not null, not an array. */
function isObject(value: string): string {
  return `typeof ${value} === "object" && ${value} !== null && !Array.isArray(${value})`;
}

function generate(dataset: Dataset): { generation: CheckerGeneration; source: string } {
  const generation = new CheckerGeneration();
  const top = generation.fieldsChecker(fieldChecksOf(dataset));
  const source = generation.source(RUNTIME, [
    'return function checkRecord(record) {',
    // conformRecord's own reason for a record that is not an object.
    `  if (!(${isObject('record')})) return conformRecord(${generation.constant(dataset)}, record);`,
    '  const reasons = [], normalizing = { changed: false };',
    `  ${top}(record, "", reasons, normalizing);`,
    '  return { reasons, changed: normalizing.changed };',
    '};',
  ].join('\n'));
  return { generation, source };
}
