import { ConfigError, type HolidaysFile, type HubConfig, type PoliciesFile } from '@hub/config';
import { DeadlinePolicies } from './deadline-policies';
import type { PolicyContext } from './policy-rules';
import { HolidayDataSource, WorkingCalendar } from './working-calendar';

/** A city's working days: the installation's holidays.yaml and the city's own on top (both on the national calendar). */
export function cityHolidays(installation: HolidaysFile, city: HolidaysFile): HolidaysFile {
  return {
    holidays: [...installation.holidays, ...city.holidays],
    workdays: [...installation.workdays, ...city.workdays],
    coveredYears: [...new Set([...installation.coveredYears, ...city.coveredYears])],
  };
}

/**
 * The time-limit policies with each city's calendar (cities.yaml: a city's holidays.yaml): the limits
 * of a city's ticket (`ctx.city`) are counted on its working days; every other ticket, and what is
 * computed without a ticket's context (a lower unit's share, a resumed clock, reminders), on the
 * installation's.
 */
export class CityDeadlinePolicies {
  constructor(
    readonly base: DeadlinePolicies,
    private readonly byCity: ReadonlyMap<string, DeadlinePolicies>,
  ) {}

  /** The policies a ticket's limits are counted with. */
  of(ctx: Pick<PolicyContext, 'city'>): DeadlinePolicies {
    return (ctx.city && this.byCity.get(ctx.city)) || this.base;
  }

  due(...a: Parameters<DeadlinePolicies['due']>) {
    return this.of(a[1]).due(...a);
  }
  reviewPolicy(ctx: PolicyContext) {
    return this.of(ctx).reviewPolicy(ctx);
  }
  reworkDue(...a: Parameters<DeadlinePolicies['reworkDue']>) {
    return this.of(a[0]).reworkDue(...a);
  }
  extend(...a: Parameters<DeadlinePolicies['extend']>) {
    return this.of(a[2]).extend(...a);
  }
  extensionRefusalReason(...a: Parameters<DeadlinePolicies['extensionRefusalReason']>) {
    return this.of(a[0]).extensionRefusalReason(...a);
  }
  subDue(...a: Parameters<DeadlinePolicies['subDue']>) {
    return this.base.subDue(...a);
  }
  resume(...a: Parameters<DeadlinePolicies['resume']>) {
    return this.base.resume(...a);
  }
  nextReminder(...a: Parameters<DeadlinePolicies['nextReminder']>) {
    return this.base.nextReminder(...a);
  }
}

/** The installation's policies, with a calendar of its own for each city that has a holidays.yaml. */
export function loadCityDeadlinePolicies(config: Pick<HubConfig, 'policies' | 'holidays' | 'cities'>, source?: HolidayDataSource | null): CityDeadlinePolicies {
  const calendar = (file: HolidaysFile, where: string) => {
    const c = new WorkingCalendar({ holidays: file.holidays, workdays: file.workdays, coveredYears: file.coveredYears, source });
    if (c.conflicts.length) throw new ConfigError([`${where}: ${c.conflicts.join(', ')} listed both under holidays and under workdays`]);
    return c;
  };
  const policies = config.policies as PoliciesFile;
  const base = new DeadlinePolicies(policies, calendar(config.holidays, 'holidays.yaml'));
  const byCity = new Map<string, DeadlinePolicies>();
  for (const city of config.cities?.cities ?? []) {
    if (city.holidays)
      byCity.set(city.name, new DeadlinePolicies(policies, calendar(cityHolidays(config.holidays, city.holidays), `holidays of ${city.name}`)));
  }
  return new CityDeadlinePolicies(base, byCity);
}
