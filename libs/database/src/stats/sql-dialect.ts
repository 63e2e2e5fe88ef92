import type { DataSource } from 'typeorm';
import { BUSINESS_OFFSET_HOURS } from '@hub/domain';

/** The few SQL spellings that differ between MySQL/MariaDB and SQLite. */
export interface SqlDialect {
  kind: 'mysql' | 'sqlite';
  /** Shanghai calendar day (YYYY-MM-DD) of a UTC datetime column. */
  shanghaiDay(col: string): string;
  /** Whole seconds from a to b. */
  seconds(a: string, b: string): string;
  /** A Date as a literal parameter both drivers compare correctly with datetime(3) columns. */
  time(d: Date): string;
  /** Parses a datetime read back from the driver. */
  parseTime(v: unknown): Date | null;
  createTempTableAs(name: string, select: string): string;
  dropTempTable(name: string): string;
  /** The database's own clock, as updatedAt columns are written (CURRENT_TIMESTAMP). */
  nowSql: string;
  /** A join the planner must not reorder (drive from the left table's index range). */
  orderedJoin: string;
  /** After SELECT: every join of the query in the order written. */
  joinsInOrder: string;
  /** After SELECT: a GROUP BY with very many groups sorts rather than keeps a keyed temporary table. */
  manyGroups: string;
  /** A table of the integer pairs a JSON array of [a, b] arrays holds (columns a, b), from the placeholder `param`. */
  jsonIntPairs(param: string): string;
}

const iso = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** The dialect of a DataSource (or of an EntityManager's `connection`). */
export function dialectOf(ds: Pick<DataSource, 'options'>): SqlDialect {
  const sqlite = ds.options.type === 'better-sqlite3' || ds.options.type === 'sqlite';
  const parseTime = (v: unknown): Date | null => {
    if (v == null) return null;
    if (v instanceof Date) return v;
    const s = String(v);
    const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
    return Number.isNaN(d.getTime()) ? null : d;
  };
  if (sqlite) {
    return {
      kind: 'sqlite',
      shanghaiDay: (col) => `strftime('%Y-%m-%d', ${col}, '+${BUSINESS_OFFSET_HOURS} hours')`,
      seconds: (a, b) => `CAST(ROUND((julianday(${b}) - julianday(${a})) * 86400) AS INTEGER)`,
      time: iso,
      parseTime,
      createTempTableAs: (name, select) => `CREATE TEMP TABLE ${name} AS ${select}`,
      dropTempTable: (name) => `DROP TABLE IF EXISTS temp.${name}`,
      nowSql: `SELECT strftime('%Y-%m-%d %H:%M:%f', 'now') AS now`,
      orderedJoin: 'CROSS JOIN',
      joinsInOrder: '',
      manyGroups: '',
      jsonIntPairs: (param) => `(SELECT json_extract(value, '$[0]') AS a, json_extract(value, '$[1]') AS b FROM json_each(${param}))`,
    };
  }
  return {
    kind: 'mysql',
    shanghaiDay: (col) => `DATE_FORMAT(${col} + INTERVAL ${BUSINESS_OFFSET_HOURS} HOUR, '%Y-%m-%d')`,
    seconds: (a, b) => `TIMESTAMPDIFF(SECOND, ${a}, ${b})`,
    time: iso,
    parseTime,
    createTempTableAs: (name, select) => `CREATE TEMPORARY TABLE ${name} AS ${select}`,
    dropTempTable: (name) => `DROP TEMPORARY TABLE IF EXISTS ${name}`,
    nowSql: 'SELECT CURRENT_TIMESTAMP(3) AS now',
    orderedJoin: 'STRAIGHT_JOIN',
    joinsInOrder: 'STRAIGHT_JOIN ',
    manyGroups: 'SQL_BIG_RESULT ',
    jsonIntPairs: (param) => `JSON_TABLE(${param}, '$[*]' COLUMNS (a INT PATH '$[0]', b INT PATH '$[1]'))`,
  };
}

export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(',');
}
