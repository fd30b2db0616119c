/**
 * Prepared statements kept per SQL text: better-sqlite3 prepares at every `db.prepare`, and a big
 * run executes the same few statements tens of thousands of times (bindings saved, articles read).
 */
import type Database from 'better-sqlite3';

export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}
