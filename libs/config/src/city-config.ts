import { existsSync } from 'fs';
import { join } from 'path';
import { CitiesFile, CityConfig } from './files/cities.dto';
import { HolidaysFile } from './files/holidays.dto';
import { RegionsFile } from './files/regions.dto';
import { TaxonomyFile } from './files/taxonomy.dto';
import { UnitConfig, UnitsFile } from './files/units.dto';
import { ancestorsOf } from './files/unit-hierarchy';
import { loadYamlFile } from './yaml-loader';

/** One city of a province installation, as the rest of the hub reads it. */
export interface CitySettings {
  /** The city's unit (tier city, a desk). */
  name: string;
  /** Its ticket number prefix. */
  prefix: string;
  email: string;
  /** From of the mails about its tickets; null: HUB_MAIL_FROM. */
  mailFrom: string | null;
  /** The regions its folder adds. */
  regions: string[];
  /** Its working-day overrides, on top of the national calendar and the installation's holidays.yaml; null: none. */
  holidays: HolidaysFile | null;
}

/** The cities of a province installation; none in a single-city installation (no cities.yaml). */
export interface CitiesSettings {
  /** The province desk's unit above the cities, or null (the installation's own desk is the top). */
  province: string | null;
  cities: CitySettings[];
}

/** What loading the cities adds to (the installation's own files, already read). */
export interface CityMergeTarget {
  units: UnitsFile;
  regions: RegionsFile;
  taxonomy: TaxonomyFile;
}

function mergeFolder(dir: string, folder: string, city: CityConfig, into: CityMergeTarget, env: NodeJS.ProcessEnv, problems: string[]): CitySettings {
  const out: CitySettings = { name: city.name, prefix: city.prefix, email: city.email, mailFrom: city.mailFrom ?? null, regions: [], holidays: null };
  if (!existsSync(join(dir, folder))) {
    problems.push(`cities.yaml: city ${city.name}: folder ${folder} does not exist in HUB_CONFIG_DIR`);
    return out;
  }
  const units = loadYamlFile(dir, `${folder}/units.yaml`, UnitsFile, env, problems);
  for (const u of units.units) into.units.units.push(Object.assign(new UnitConfig(), u, { parent: u.parent ?? city.name }));
  into.units.supervisors.push(...units.supervisors);
  const regions = loadYamlFile(dir, `${folder}/regions.yaml`, RegionsFile, env, problems);
  const known = new Set(into.regions.regions.map((r) => r.name));
  for (const r of regions.regions) {
    if (known.has(r.name)) problems.push(`${folder}/regions.yaml: region ${r.name} is already a region of another city or of regions.yaml`);
    into.regions.regions.push(r);
    out.regions.push(r.name);
  }
  const taxonomy = loadYamlFile(dir, `${folder}/taxonomy.yaml`, TaxonomyFile, env, problems);
  const paths = new Set(into.taxonomy.categories.map((c) => c.path));
  for (const c of taxonomy.categories) {
    if (paths.has(c.path))
      problems.push(`${folder}/taxonomy.yaml: category ${c.path} is already in taxonomy.yaml or another city's (a city only adds categories)`);
    into.taxonomy.categories.push(c);
  }
  if (existsSync(join(dir, folder, 'holidays.yaml'))) out.holidays = loadYamlFile(dir, `${folder}/holidays.yaml`, HolidaysFile, env, problems);
  return out;
}

/**
 * Reads cities.yaml (optional) and each city's folder, adding the city units, their sub-trees,
 * regions and categories to the installation's directory (so routing, dispatch and the directory
 * sync treat them as any other). Demo cities are left out in production. Every problem names the
 * file and the setting.
 */
export function loadCities(
  dir: string,
  env: NodeJS.ProcessEnv,
  opts: { production: boolean; ticketPrefix: string },
  into: CityMergeTarget,
  problems: string[],
): CitiesSettings {
  const file = loadYamlFile(dir, 'cities.yaml', CitiesFile, env, problems);
  const wanted = file.cities.filter((c) => !(c.demo && opts.production));
  const out: CitiesSettings = { province: file.province ?? null, cities: [] };
  if (!wanted.length) return out;
  const listed = new Map(into.units.units.map((u) => [u.name, u]));
  if (file.province && !listed.has(file.province)) problems.push(`cities.yaml: province ${file.province} is not a unit listed in units.yaml`);
  const prefixes = new Map<string, string>([[opts.ticketPrefix, 'HUB_TICKET_PREFIX']]);
  wanted.forEach((c, i) => {
    const where = `cities.yaml: cities[${i}] (${c.name})`;
    const taken = prefixes.get(c.prefix);
    if (taken)
      problems.push(`${where}: prefix ${c.prefix} is already ${taken === 'HUB_TICKET_PREFIX' ? 'the installation’s HUB_TICKET_PREFIX' : `city ${taken}'s`}`);
    prefixes.set(c.prefix, c.name);
    const own = listed.get(c.name);
    if (own) {
      if (own.tier !== 'city' || !own.desk)
        problems.push(`${where}: units.yaml lists ${c.name}; a city's unit must have tier: city and desk: true (or leave it to cities.yaml)`);
    } else {
      const unit = Object.assign(new UnitConfig(), { name: c.name, kind: 'government', tier: 'city', desk: true, email: c.email, parent: file.province });
      into.units.units.push(unit);
      listed.set(c.name, unit);
    }
    out.cities.push(
      c.folder
        ? mergeFolder(dir, c.folder, c, into, env, problems)
        : { name: c.name, prefix: c.prefix, email: c.email, mailFrom: c.mailFrom ?? null, regions: [], holidays: null },
    );
  });
  return out;
}

/** The city whose sub-tree holds the unit (the city's own unit included), or null. */
export function cityOfUnit(cities: CitiesSettings, units: UnitsFile, unitName: string): CitySettings | null {
  const chain = [unitName, ...ancestorsOf(units.units, unitName)];
  for (const name of chain) {
    const city = cities.cities.find((c) => c.name === name);
    if (city) return city;
  }
  return null;
}

/** Every ticket number prefix the installation issues: its own first, then the cities'. */
export function ticketPrefixes(cfg: { env: { ticketPrefix: string }; cities: CitiesSettings }): string[] {
  return [cfg.env.ticketPrefix, ...cfg.cities.cities.map((c) => c.prefix)];
}

/** The city of that name, or null. */
export function cityNamed(cities: CitiesSettings, name: string | null | undefined): CitySettings | null {
  return (name && cities.cities.find((c) => c.name === name)) || null;
}
