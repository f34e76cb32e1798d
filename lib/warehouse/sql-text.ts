/**
 * Plain functions over SQL text shared by migrations and loads: splitting a file into statements and filling
 * `{{name}}` placeholders. No dialect knowledge beyond quotes, comments and dollar-quoted bodies.
 */

/** Splits SQL text into statements at semicolons outside quotes, comments and `$$` bodies; comments are dropped. */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i);
    if (rest.startsWith('--')) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
      continue;
    }
    const quoted = /^('(?:[^']|'')*'|"(?:[^"]|"")*"|\$\$[\s\S]*?\$\$)/.exec(rest);
    if (quoted) {
      current += quoted[0];
      i += quoted[0].length;
      continue;
    }
    if (sql[i] === ';') {
      if (current.trim()) statements.push(current.trim());
      current = '';
    } else {
      current += sql[i];
    }
    i += 1;
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}

/** Replaces every `{{name}}` with its value; a placeholder without a value is an error, so nothing half-filled runs. */
export function fillPlaceholders(sql: string, values: Readonly<Record<string, string>>, source: string): string {
  return sql.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(values, name)) throw new Error(`${source}: no value for placeholder {{${name}}}`);
    return values[name];
  });
}

/** The placeholders a text uses, in order of first use. */
export function placeholdersOf(sql: string): string[] {
  return [...new Set([...sql.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]))];
}
