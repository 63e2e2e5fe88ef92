import { BUSINESS_OFFSET_MS } from '@hub/domain';

/**
 * Call times in exports: `2025-03-02 09:15`, `2025/3/2 9:15:00`, `2025年3月2日9时15分`, `9点`,
 * `2025/3/2 下午 3:15` (Excel's Chinese locale), `20250302091500` (call-centre systems), ISO 8601,
 * Excel date cells and serial numbers. A time without a zone is Beijing time (UTC+8, no DST).
 */
const EXCEL_EPOCH_DAYS = 25569; // 1970-01-01 as an Excel (1900 system) serial

const LOCAL =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?:\s+|T|(?<=日))(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})(?:\.(\d{1,9}))?)?\s*秒?\s*分?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

export function parseReceivedAt(value: unknown): Date | null {
  if (value instanceof Date) {
    // exceljs returns a date cell's wall-clock time in the Date's UTC fields.
    return Number.isNaN(value.getTime()) ? null : new Date(value.getTime() - BUSINESS_OFFSET_MS);
  }
  if (typeof value === 'number') return Number.isInteger(value) && value > 19_900_000 ? parseReceivedAt(String(value)) : fromExcelSerial(value);
  if (typeof value !== 'string') return null;
  const s = value
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/／/g, '/')
    .replace(/－/g, '-');
  if (!s) return null;
  if (/^\d{5}(?:\.\d+)?$/.test(s)) return fromExcelSerial(Number(s));
  const compact = /^(\d{4})(\d{2})(\d{2})(?:[ T]?(\d{2})(\d{2})(\d{2})?)?$/.exec(s);
  if (compact) {
    const [, y, mo, d, h, mi, sec] = compact;
    return parseReceivedAt(`${y}-${mo}-${d}${h ? ` ${h}:${mi}:${sec ?? '00'}` : ''}`);
  }
  // 上午/下午 (before or after the time) and AM/PM: read, then taken out.
  const half = /(上午|下午|中午|晚上|凌晨|早上|早晨|傍晚|\b[AaPp]\.?[Mm]\.?(?=$|\s))/.exec(s)?.[1];
  const plain = (half ? s.replace(half, ' ') : s)
    .replace(/(\d)\s*点/g, '$1时')
    .replace(/(\d{1,2})\s*时\s*$/, '$1时0分')
    .replace(/\s+/g, ' ')
    .trim();
  const m = LOCAL.exec(plain);
  if (!m) return null;
  const [y, mo, d, h, mi = '0', sec = '0', frac = '', zone] = m.slice(1);
  if (half && h === undefined) return null; // 下午 without the hour: no time to take
  const year = +y,
    month = +mo,
    day = +d,
    minute = +mi,
    second = +sec;
  let hour = +(h ?? '0');
  if (half && hour <= 12) {
    // (下午15:00 is 15:00: the marker is redundant there.)
    const pm = /下午|晚上|傍晚|^[Pp]/.test(half) || (half === '中午' && hour < 11);
    if (pm && hour < 12) hour += 12;
    else if (!pm && hour === 12 && half !== '中午') hour = 0;
  }
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  return new Date(wall - zoneOffsetMs(zone));
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone) return BUSINESS_OFFSET_MS;
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 3600_000 + Number(digits.slice(2, 4)) * 60_000);
}

function fromExcelSerial(n: number): Date | null {
  // 1990-01-01 .. 2100-12-31 in the 1900 date system.
  if (!Number.isFinite(n) || n < 32874 || n > 73415) return null;
  const wall = Math.round((n - EXCEL_EPOCH_DAYS) * 86400) * 1000;
  return new Date(wall - BUSINESS_OFFSET_MS);
}
