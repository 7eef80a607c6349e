import type { Pool } from 'pg';

/** One place where a needle was found: the table, the column and the row's text around it. */
export interface PlaintextFinding {
  /** `schema.table`. */
  table: string;
  column: string;
  needle: string;
  excerpt: string;
}

/**
 * Reads every column of every table in every schema of the database (`public`, and `analytics`
 * where the reference consumer keeps its tables) as text and reports each
 * place holding one of `needles` (case-insensitive). The proof that health data is not kept in
 * plain text: a test writes distinctive values through the product, then expects no finding.
 * Arrays and jsonb are cast to text too, so a value inside a document or a list is found.
 */
export async function findPlaintext(
  pool: Pool,
  needles: readonly string[],
): Promise<PlaintextFinding[]> {
  const wanted = needles.map((n) => n.toLowerCase()).filter((n) => n.length > 0);
  if (wanted.length === 0) throw new Error('findPlaintext needs at least one needle');
  const columns = await pool.query<{ schema: string; table: string; column: string }>(
    `SELECT c.table_schema AS schema, c.table_name AS "table", c.column_name AS "column"
       FROM information_schema.columns c
       JOIN information_schema.tables t
         ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
        AND c.table_schema NOT LIKE 'pg\\_%' AND t.table_type = 'BASE TABLE'
      ORDER BY 1, 2, 3`,
  );
  const findings: PlaintextFinding[] = [];
  for (const { schema, table, column } of columns.rows) {
    const rows = await pool.query<{ text: string }>(
      `SELECT lower(${quote(column)}::text) AS text FROM ${quote(schema)}.${quote(table)}
        WHERE ${quote(column)} IS NOT NULL AND lower(${quote(column)}::text) LIKE ANY($1::text[])`,
      [wanted.map((n) => `%${n.replace(/[\\%_]/g, '\\$&')}%`)],
    );
    for (const { text } of rows.rows) {
      for (const needle of wanted.filter((n) => text.includes(n))) {
        const at = text.indexOf(needle);
        findings.push({
          table: `${schema}.${table}`,
          column,
          needle,
          excerpt: text.slice(Math.max(0, at - 40), at + 80),
        });
      }
    }
  }
  return findings;
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
