import { api } from './api';
import type { Schemas } from './types';

export type Unit = Schemas['DirectoryUnit'];
export type Category = Schemas['DirectoryCategory'];
export type Region = Schemas['DirectoryRegion'];

const cache = new Map<string, Promise<unknown[]>>();

/** A directory list, fetched once per page load; an absent route gives an empty list. */
function list<T>(path: string): Promise<T[]> {
  if (!cache.has(path)) {
    const p = api<T[]>(path, { quiet: true })
      .then((r) => (Array.isArray(r) ? r : []))
      .catch(() => {
        cache.delete(path);
        return [];
      });
    cache.set(path, p as Promise<unknown[]>);
  }
  return cache.get(path) as Promise<T[]>;
}

export const loadUnits = () => list<Unit>('/api/units');
export const loadCategories = () => list<Category>('/api/categories');
export const loadRegions = () => list<Region>('/api/regions');
export const loadSources = () => list<Schemas['DirectorySource']>('/api/sources');

/** The installation's cities (cities.yaml), fetched once per page load; empty in a single-city installation. */
let cities: Promise<Schemas['CityList']> | null = null;
export function loadCities(): Promise<Schemas['CityList']> {
  cities ??= api<Schemas['CityList']>('/api/cities', { quiet: true }).catch(() => {
    cities = null;
    return { province: null, cities: [] };
  });
  return cities;
}
