import { fillPlaceholders, placeholdersOf, splitStatements } from '../../lib/warehouse/sql-text';

describe('splitStatements', () => {
  test('splits at semicolons and drops comments and blank statements', () => {
    expect(splitStatements('-- a comment; with a semicolon\nSELECT 1;\n\n;SELECT 2')).toEqual(['SELECT 1', 'SELECT 2']);
  });

  test('keeps semicolons inside quotes, quoted identifiers and dollar-quoted bodies', () => {
    expect(splitStatements("SELECT 'a;b', \"c;d\";\nCREATE PROCEDURE p() AS $$ BEGIN NULL; END; $$ LANGUAGE plpgsql;"))
      .toEqual(["SELECT 'a;b', \"c;d\"", 'CREATE PROCEDURE p() AS $$ BEGIN NULL; END; $$ LANGUAGE plpgsql']);
  });

  test("keeps an escaped quote ('') inside a string", () => {
    expect(splitStatements("SELECT 'it''s; fine';")).toEqual(["SELECT 'it''s; fine'"]);
  });

  test('a comment on the last line, without a line break after it, is dropped', () => {
    expect(splitStatements('SELECT 1; -- done; really')).toEqual(['SELECT 1']);
  });

  test('two dashes inside a string are text, not a comment', () => {
    expect(splitStatements("SELECT '--a;b'; SELECT 2")).toEqual(["SELECT '--a;b'", 'SELECT 2']);
  });

  test('each dollar-quoted body ends at its own closing $$, not at the last one of the file', () => {
    expect(splitStatements('SELECT $$a;b$$; SELECT $$c$$;')).toEqual(['SELECT $$a;b$$', 'SELECT $$c$$']);
  });
});

describe('fillPlaceholders', () => {
  test('fills every placeholder', () => {
    expect(fillPlaceholders("SELECT '{{a}}', {{b}}, '{{a}}'", { a: 'x', b: '2' }, 'q.sql')).toBe("SELECT 'x', 2, 'x'");
  });

  test('refuses a placeholder without a value, naming the file', () => {
    expect(() => fillPlaceholders('SELECT {{missing}}', {}, 'q.sql')).toThrow('q.sql: no value for placeholder {{missing}}');
  });

  test('a name the values inherit (toString) is no value', () => {
    expect(() => fillPlaceholders('SELECT {{toString}}', {}, 'q.sql')).toThrow('q.sql: no value for placeholder {{toString}}');
  });

  test('lists the placeholders of a text once each', () => {
    expect(placeholdersOf('{{a}} {{b}} {{a}}')).toEqual(['a', 'b']);
  });
});
