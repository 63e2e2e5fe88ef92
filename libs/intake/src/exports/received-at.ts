/**
 * Call times in exports: `2025-03-02 09:15`, `2025/3/2 9:15:00`, `2025年3月2日 9时15分`, ISO 8601,
 * Excel date cells and serial numbers. A time without a zone is Beijing time (UTC+8, no DST).
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const EXCEL_EPOCH_DAYS = 25569; // 1970-01-01 as an Excel (1900 system) serial

const LOCAL =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?:\s+|T)(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})(?:\.(\d{1,9}))?)?\s*秒?\s*分?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

export function parseReceivedAt(value: unknown): Date | null {
  if (value instanceof Date) {
    // exceljs returns a date cell's wall-clock time in the Date's UTC fields.
    return Number.isNaN(value.getTime()) ? null : new Date(value.getTime() - SHANGHAI_OFFSET_MS);
  }
  if (typeof value === 'number') return fromExcelSerial(value);
  if (typeof value !== 'string') return null;
  const s = value
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/／/g, '/')
    .replace(/－/g, '-');
  if (!s) return null;
  if (/^\d{5}(?:\.\d+)?$/.test(s)) return fromExcelSerial(Number(s));
  const m = LOCAL.exec(s);
  if (!m) return null;
  const [y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone] = m.slice(1);
  const year = +y, month = +mo, day = +d, hour = +h, minute = +mi, second = +sec;
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  return new Date(wall - zoneOffsetMs(zone));
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone) return SHANGHAI_OFFSET_MS;
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 3600_000 + Number(digits.slice(2, 4)) * 60_000);
}

function fromExcelSerial(n: number): Date | null {
  // 1990-01-01 .. 2100-12-31 in the 1900 date system.
  if (!Number.isFinite(n) || n < 32874 || n > 73415) return null;
  const wall = Math.round((n - EXCEL_EPOCH_DAYS) * 86400) * 1000;
  return new Date(wall - SHANGHAI_OFFSET_MS);
}
