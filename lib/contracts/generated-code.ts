import { DOUBLE_DECIMAL_DIGITS } from './decimal-value';
import { type FieldCheck, type FieldsCheck, INT_MAX, INT_MIN, STRING_FORMATS } from './validate-record';

/**
 * What the functions generated from a contract share (the forwarder's image reader, the record checker): the walk of a
 * struct's columns, the inline test of a conforming scalar, and how the code is written and compiled. Why generated:
 * a generic walk over the contract reads properties by computed names, and V8's megamorphic lookups took most of the
 * time of checking thousands of records per invocation; named reads (`map["order_id"]`) are monomorphic.
 *
 * Generated code only recognizes a conforming value: anything else is handed to the contract's own `conformField` /
 * `conformElement`, so reasons are those of `conformRecord` by construction.
 */
export class CodeGeneration {
  /** The functions written so far, one per struct and per array of the contract. */
  readonly functions: string[] = [];
  /** What the code uses (the contract's checks, sets, normalizations), named `k0`, `k1`... and never spelt out. */
  readonly constants: unknown[] = [];

  /** @param product what is generated ("reader", "checker"), for the error that refuses a column name. */
  constructor(private readonly product: string) {}

  constant(value: unknown): string {
    this.constants.push(value);
    return `k${this.constants.length - 1}`;
  }

  /**
   * Takes the next function's name and slot before its body is written (the functions of nested structs and arrays
   * are numbered after it), and returns the name and how to write the body in that slot.
   */
  reserve(prefix: string): { name: string; define(lines: readonly string[]): void } {
    const name = `${prefix}${this.functions.length}`;
    this.functions.push('');
    const index = this.functions.length - 1;
    return { name, define: (lines) => { this.functions[index] = lines.join('\n'); } };
  }

  /**
   * A column name as generated code spells it: a string literal only (JSON.stringify), and only a snake_case name,
   * which the contracts use, so that it cannot mean more (`__proto__`).
   */
  columnName(field: FieldCheck): string {
    if (!COLUMN_NAME.test(field.name)) {
      throw new Error(`Column name ${JSON.stringify(field.name)} is not snake_case: no ${this.product} is generated for it`);
    }
    return quote(field.name);
  }

  /**
   * The column walk: a function `(map, ...parameters)` running `field(field, i)`'s statements for each column of `check`
   * in contract order (each counts the column in `present` when `map` holds it), then listing the keys the contract does
   * not know in front of the reasons of this level (`unknownFields`, as `conformRecord` puts them), and `returns`.
   */
  fieldsFunction(check: FieldsCheck, walk: {
    readonly parameters: string;
    readonly locals: readonly string[];
    readonly field: (field: FieldCheck, index: number) => string;
    readonly returns?: string;
  }): string {
    const { name, define } = this.reserve('fields');
    const body = check.fields.map((field, i) => [`  // ${this.columnName(field)}: ${field.value.kind}`, walk.field(field, i)].join('\n'));
    define([
      `function ${name}(map, ${walk.parameters}) {`,
      '  const at = reasons.length;',
      `  let ${['present = 0', ...walk.locals].join(', ')};`,
      ...body,
      `  if (Object.keys(map).length !== present) unknownFields(${this.constant(check)}, map, parent, reasons, at);`,
      ...(walk.returns ? [`  ${walk.returns}`] : []),
      '}',
    ]);
    return name;
  }

  /**
   * The body of `new Function('runtime', 'constants', body)`: the runtime's functions and the constants by name, the
   * functions written, and `entry`, the statement returning what is compiled.
   */
  source(runtime: object, entry: string): string {
    return [
      '"use strict";',
      `const { ${Object.keys(runtime).join(', ')} } = runtime;`,
      `const [${this.constants.map((_, i) => `k${i}`).join(', ')}] = constants;`,
      ...this.functions,
      entry,
    ].join('\n');
  }

  compile<T>(source: string, runtime: object): T {
    return new Function('runtime', 'constants', source)(runtime, this.constants) as T;
  }
}

/**
 * How generated code recognizes a conforming value of a scalar column: the JavaScript type of its plain value, its
 * declared form as an expression of the plain value `plain` (normalized text, a timestamp in UTC), and a test of
 * `declared` that is true exactly when `conformField` would give no reason. Undefined for a column type without one
 * (dates, decimals wider than a double): those take the general way.
 */
export interface ScalarTest {
  readonly type: 'string' | 'number' | 'boolean';
  readonly declared: string;
  readonly conforms: string;
}

export function scalarTest(generation: CodeGeneration, field: FieldCheck): ScalarTest | undefined {
  const check = field.value;
  let test: { type: ScalarTest['type']; declared: string };
  let conforms: string[];
  switch (check.kind) {
    case 'string':
      test = { type: 'string', declared: check.normalization ? `normalizeText(plain, ${generation.constant(check.normalization)})` : 'plain' };
      conforms = ['declared.isWellFormed()'];
      if (check.format) conforms.push(`${generation.constant(STRING_FORMATS[check.format][1])}(declared)`);
      // Within the warehouse's bytes: a short string (at most 3 UTF-8 bytes per UTF-16 unit) without measuring it.
      conforms.push(`(declared.length * 3 <= ${check.maxBytes} || ${generation.constant(utf8ByteLength)}(declared) <= ${check.maxBytes})`);
      break;
    case 'timestamp':
      test = { type: 'string', declared: 'conformTimestamp(plain)' };
      conforms = ['typeof declared === "string"'];
      break;
    case 'int':
      test = { type: 'number', declared: 'plain' };
      conforms = [`Number.isInteger(declared) && declared >= ${generation.constant(INT_MIN)} && declared <= ${generation.constant(INT_MAX)}`];
      break;
    case 'bigint':
      test = { type: 'number', declared: 'plain' };
      conforms = ['Number.isSafeInteger(declared)'];
      break;
    case 'double':
      test = { type: 'number', declared: 'plain' };
      conforms = ['Number.isFinite(declared)'];
      break;
    case 'decimal': {
      // As `fitsDecimal` tests a number, for the decimals a double carries.
      if (check.type.precision > DOUBLE_DECIMAL_DIGITS) return undefined;
      const scale = generation.constant(check.scaleFactor);
      test = { type: 'number', declared: 'plain' };
      conforms = [`Math.abs(declared) < ${generation.constant(check.integerLimit)} && Math.round(declared * ${scale}) / ${scale} === declared`];
      break;
    }
    case 'boolean':
      test = { type: 'boolean', declared: 'plain' };
      conforms = ['true'];
      break;
    default:
      return undefined;
  }
  if (field.allowed) conforms.push(`${generation.constant(field.allowed)}.has(declared)`);
  if (field.minimum !== undefined) conforms.push(`!(Number(declared) < ${generation.constant(field.minimum)})`);
  return { ...test, conforms: conforms.join(' && ') };
}

function utf8ByteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

const COLUMN_NAME = /^[a-z][a-z0-9_]*$/;

export function quote(text: string): string {
  return JSON.stringify(text);
}

export function indent(code: string, spaces: number): string {
  return code.split('\n').map((line) => ' '.repeat(spaces) + line).join('\n');
}
