import { IsArray, IsInt, IsOptional, Max, Min, ValidateBy, ValidationOptions } from 'class-validator';

/** `2027-01-01` or an inclusive range `2027-02-06..2027-02-12`. */
export const CALENDAR_DATE_OR_RANGE = /^(\d{4}-\d{2}-\d{2})(?:\.\.(\d{4}-\d{2}-\d{2}))?$/;

function realDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Whether a holidays.yaml entry is a real date, or a range of real dates in order (at most a year long). */
export function isCalendarDateOrRange(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = CALENDAR_DATE_OR_RANGE.exec(value);
  if (!m || !realDate(m[1]) || (m[2] && !realDate(m[2]))) return false;
  if (!m[2]) return true;
  const span = (Date.parse(m[2]) - Date.parse(m[1])) / 86_400_000;
  return span >= 0 && span <= 366;
}

function IsCalendarDates(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDates',
      validator: {
        validate: (value: unknown) => Array.isArray(value) && value.every(isCalendarDateOrRange),
        defaultMessage: (args) => {
          const bad = Array.isArray(args?.value) ? args!.value.filter((v: unknown) => !isCalendarDateOrRange(v)) : [];
          return `every entry must be a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD (quote it if in doubt); wrong: ${bad.map((b: unknown) => JSON.stringify(b)).join(', ')}`;
        },
      },
    },
    options,
  );
}

/**
 * Working-day calendar additions on top of the `chinese-days` package: years it lacks and local
 * changes. An entry here wins over the package for that date (a local day off, a make-up day).
 */
export class HolidaysFile {
  /** Days off (statutory holidays, local holidays): dates or ranges. */
  @IsOptional() @IsArray() @IsCalendarDates() holidays: string[] = [];
  /** Weekend days that are working days (调休 make-up days): dates or ranges. */
  @IsOptional() @IsArray() @IsCalendarDates() workdays: string[] = [];
  /**
   * Years fully described here (the State Council's notice for that year has been entered), so
   * deadlines in them raise no "no holiday calendar" warning.
   */
  @IsOptional()
  @IsArray()
  @IsInt({ each: true, message: 'every entry must be a year such as 2027' })
  @Min(1990, { each: true, message: 'every entry must be a year from 1990' })
  @Max(2200, { each: true, message: 'every entry must be a year up to 2200' })
  coveredYears: number[] = [];
}
