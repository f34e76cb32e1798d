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
});

describe('fillPlaceholders', () => {
  test('fills every placeholder', () => {
    expect(fillPlaceholders("SELECT '{{a}}', {{b}}, '{{a}}'", { a: 'x', b: '2' }, 'q.sql')).toBe("SELECT 'x', 2, 'x'");
  });

  test('refuses a placeholder without a value, naming the file', () => {
    expect(() => fillPlaceholders('SELECT {{missing}}', {}, 'q.sql')).toThrow('q.sql: no value for placeholder {{missing}}');
  });

  test('lists the placeholders of a text once each', () => {
    expect(placeholdersOf('{{a}} {{b}} {{a}}')).toEqual(['a', 'b']);
  });
});
