/** What a failed statement means, read from the driver's error (TypeORM copies it onto QueryFailedError). */
interface DriverError {
  code?: string;
  errno?: number;
  driverError?: { code?: string; errno?: number };
}

/** MySQL ER_DUP_ENTRY or a SQLite UNIQUE constraint: another writer got there first. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as DriverError | null;
  const code = err?.code ?? err?.driverError?.code;
  return code === 'ER_DUP_ENTRY' || err?.errno === 1062 || err?.driverError?.errno === 1062 || /^SQLITE_CONSTRAINT/.test(code ?? '');
}

/** MySQL ER_LOCK_DEADLOCK: InnoDB rolled the transaction back; running it again is safe. */
export function isDeadlock(e: unknown): boolean {
  const err = e as DriverError | null;
  return err?.errno === 1213 || err?.driverError?.errno === 1213 || (err?.code ?? err?.driverError?.code) === 'ER_LOCK_DEADLOCK';
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_LOCK_WAIT_TIMEOUT',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);

/** The database did not answer, or was too busy (not the data's fault): trying again later may work. */
export function isDatabaseUnavailable(e: unknown): boolean {
  const err = e as DriverError | null;
  const code = err?.code ?? err?.driverError?.code ?? '';
  return UNAVAILABLE_CODES.has(code) || isDeadlock(e);
}
