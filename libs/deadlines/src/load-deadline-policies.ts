import { ConfigError, HolidaysFile, HubConfig, PoliciesFile } from '@hub/config';
import { DeadlinePolicies } from './deadline-policies';
import { HolidayDataSource, WorkingCalendar } from './working-calendar';

/** The working-day calendar from holidays.yaml on top of the `chinese-days` package (or another source). */
export function calendarFromHolidays(file: HolidaysFile, source?: HolidayDataSource | null): WorkingCalendar {
  const calendar = new WorkingCalendar({ holidays: file.holidays, workdays: file.workdays, coveredYears: file.coveredYears, source });
  if (calendar.conflicts.length) {
    throw new ConfigError([`holidays.yaml: ${calendar.conflicts.join(', ')} listed both under holidays and under workdays`]);
  }
  return calendar;
}

/** The injection token of the process's one DeadlinePolicies (built by loadDeadlinePolicies at start-up). */
export const DEADLINE_POLICIES = Symbol('DEADLINE_POLICIES');

/**
 * The calendar and the time-limit policies from the loaded configuration (loadConfig has
 * validated both files). Build it once at start-up and share it: the calendar caches days.
 */
export function loadDeadlinePolicies(config: Pick<HubConfig, 'policies' | 'holidays'>, source?: HolidayDataSource | null): DeadlinePolicies {
  return new DeadlinePolicies(config.policies as PoliciesFile, calendarFromHolidays(config.holidays, source));
}
