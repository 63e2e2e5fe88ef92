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

/** Which city a ticket's clocks count for: its `city` (cities.yaml name; null or absent: the installation's own). */
export type CityOf = Pick<PolicyContext, 'city'>;

/**
 * The time-limit policies with each city's calendar (cities.yaml: a city's holidays.yaml). Every
 * computation on a ticket's clocks (its limits, extensions, 退回重办, a lower unit's share in 二级派单,
 * a resumed clock after 中止, the reminder ladder) takes the ticket's city and is counted by the
 * policies `of` picks: the city's working days for a city's ticket, the installation's otherwise.
 */
export class CityDeadlinePolicies {
  private readonly byPrefix: ReadonlyMap<string, string>;

  constructor(
    readonly base: DeadlinePolicies,
    private readonly byCity: ReadonlyMap<string, DeadlinePolicies>,
    prefixes: ReadonlyMap<string, string> = new Map(),
  ) {
    this.byPrefix = prefixes;
  }

  /** Whether any city counts on a calendar of its own (else every ticket counts on the installation's). */
  get hasCityCalendars(): boolean {
    return this.byCity.size > 0;
  }

  /** The one place a ticket's calendar is chosen: the policies its clocks are counted with. */
  of(ctx: CityOf): DeadlinePolicies {
    return (ctx.city && this.byCity.get(ctx.city)) || this.base;
  }

  /** The city a ticket number prefix belongs to (a city's tickets carry its prefix), or null. */
  cityOfPrefix(prefix: string | null | undefined): string | null {
    return (prefix && this.byPrefix.get(prefix)) || null;
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
  subDue(parent: Parameters<DeadlinePolicies['subDue']>[0], start: Date, ctx: CityOf) {
    return this.of(ctx).subDue(parent, start);
  }
  resume(d: Parameters<DeadlinePolicies['resume']>[0], pausedAt: Date, resumedAt: Date, ctx: CityOf) {
    return this.of(ctx).resume(d, pausedAt, resumedAt);
  }
  nextReminder(d: Parameters<DeadlinePolicies['nextReminder']>[0], after: Date, ctx: CityOf) {
    return this.of(ctx).nextReminder(d, after);
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
  const prefixes = new Map<string, string>();
  for (const city of config.cities?.cities ?? []) {
    prefixes.set(city.prefix, city.name);
    if (city.holidays)
      byCity.set(city.name, new DeadlinePolicies(policies, calendar(cityHolidays(config.holidays, city.holidays), `holidays of ${city.name}`)));
  }
  return new CityDeadlinePolicies(base, byCity, prefixes);
}
