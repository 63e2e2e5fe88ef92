import type { EntityManager } from 'typeorm';

/** Bind parameters per statement (SQLite allows 32,766; MySQL 65,535). */
const MAX_PARAMS = 20_000;
/** Bytes of text per statement, well under MariaDB's default max_allowed_packet (16 MB). */
const MAX_STATEMENT_BYTES = 4 * 1024 * 1024;

export const isMysqlFamily = (m: EntityManager): boolean => m.connection.options.type === 'mysql' || m.connection.options.type === 'mariadb';

/**
 * The step between the ids one multi-row INSERT generates, when the database guarantees they are
 * consecutive; null when it does not (the ids must then be read back by a unique key).
 * InnoDB hands a "simple insert" (a plain multi-row INSERT ... VALUES) one consecutive block of
 * auto-increment values in lock modes 0 and 1; mode 2 (MySQL 8's default, Galera) interleaves
 * concurrent statements. SQLite is always read back.
 */
export async function consecutiveIdStep(m: EntityManager): Promise<number | null> {
  if (!isMysqlFamily(m)) return null;
  const [row] = (await m.query('SELECT @@innodb_autoinc_lock_mode AS mode, @@auto_increment_increment AS step')) as Array<{ mode: unknown; step: unknown }>;
  const mode = Number(row?.mode);
  const step = Number(row?.step);
  return (mode === 0 || mode === 1) && Number.isInteger(step) && step >= 1 ? step : null;
}

/**
 * Multi-row INSERT without the ORM's statement builder (which costs more CPU than the database
 * does on bulk paths). Columns are the first row's keys; values converted as the entities store
 * them (objects and arrays as JSON text, SQLite times as `YYYY-MM-DD HH:MM:SS.mmm`, booleans as 0/1).
 *
 * With `idStep` (from consecutiveIdStep) it returns the generated ids in row order; otherwise, or
 * if the server's answer does not account for every row, null. A plain INSERT: a duplicate key
 * fails the statement (and so the caller's transaction) instead of being skipped, unless `ignore`.
 */
export async function insertRows(
  m: EntityManager,
  table: string,
  rows: Array<Record<string, unknown>>,
  opts: { idStep?: number | null; ignore?: boolean } = {},
): Promise<number[] | null> {
  if (!rows.length) return [];
  const driver = m.connection.driver;
  const sqlite = !isMysqlFamily(m);
  const columns = Object.keys(rows[0]);
  const convert = (v: unknown): unknown => {
    if (v === undefined || v === null) return null;
    if (v instanceof Date) return sqlite ? v.toISOString().replace('T', ' ').replace('Z', '') : v;
    if (typeof v === 'object' && !Buffer.isBuffer(v)) return JSON.stringify(v); // JSON columns
    if (typeof v === 'boolean') return v ? 1 : 0;
    return v;
  };
  const verb = opts.ignore ? (sqlite ? 'INSERT OR IGNORE' : 'INSERT IGNORE') : 'INSERT';
  const head = `${verb} INTO ${driver.escape(table)} (${columns.map((c) => driver.escape(c)).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const step = opts.idStep ?? null;
  const ids: number[] | null = step ? [] : null;
  let consecutive = step !== null;
  let params: unknown[] = [];
  let count = 0;
  let bytes = 0;
  const flush = async () => {
    if (!count) return;
    const result = (await m.query(`${head}${Array(count).fill(tuple).join(', ')}`, params)) as { insertId?: number; affectedRows?: number } | undefined;
    if (ids && consecutive) {
      const first = Number(result?.insertId);
      if (result?.affectedRows === count && Number.isSafeInteger(first) && first > 0) {
        for (let k = 0; k < count; k++) ids.push(first + k * (step as number));
      } else {
        consecutive = false;
      }
    }
    params = [];
    count = 0;
    bytes = 0;
  };
  for (const r of rows) {
    let rowBytes = 0;
    for (const c of columns) {
      const v = convert(r[c]);
      if (typeof v === 'string') rowBytes += v.length * 3;
      params.push(v);
    }
    count++;
    bytes += rowBytes;
    if (count >= perStatement || bytes >= MAX_STATEMENT_BYTES) await flush();
  }
  await flush();
  return ids && consecutive ? ids : null;
}
