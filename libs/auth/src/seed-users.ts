import type { HubConfig } from '@hub/config';
import { UnitOfWork, UNITS, USERS } from '@hub/database';
import { hashPassword } from './password';
import type { Role } from './roles';

/**
 * Demo accounts for the shipped demo city, created only when there are no users at all and never
 * in production (NODE_ENV=production: the first administrator comes from `hub user create-admin`).
 * The password is HUB_DEMO_PASSWORD (default `hub12345`); README lists the accounts.
 */
export async function seedDemoUsers(uow: UnitOfWork, config: HubConfig, password = process.env.HUB_DEMO_PASSWORD || 'hub12345'): Promise<string[]> {
  if (config.env.security.production) return [];
  const users = uow.read(USERS);
  if ((await users.count()) > 0) return [];
  const hash = await hashPassword(password);
  const firstRegion = config.regions.regions[0]?.name;
  const demo: Array<{ username: string; displayName: string; role: Role; units?: string[]; scope?: string }> = [
    { username: 'admin', displayName: '系统管理员', role: 'admin' },
    { username: 'operator', displayName: '话务员 王芳', role: 'operator' },
    { username: 'supervisor', displayName: '督办科 李强', role: 'supervisor' },
    { username: 'leader', displayName: '市领导 王明', role: 'leader' },
  ];
  const cityUnits = config.units.units.filter((u) => !u.region).slice(0, 3);
  cityUnits.forEach((u, i) => demo.push({ username: `unit${i + 1}`, displayName: `${u.name} 承办人`, role: 'unit', units: [u.name] }));
  if (firstRegion) {
    const regional = config.units.units.filter((u) => u.region === firstRegion).map((u) => u.name);
    if (regional.length) demo.push({ username: 'district', displayName: `${firstRegion} 承办人`, role: 'unit', units: regional });
    // A district sub-centre (分中心): an operator and a supervisor who see only that district's sub-tree.
    const desk = config.units.units.find((u) => u.region === firstRegion && u.desk && !u.parent);
    if (desk) {
      demo.push({ username: 'district-operator', displayName: `${firstRegion}分中心 话务员`, role: 'operator', scope: desk.name });
      demo.push({ username: 'district-supervisor', displayName: `${firstRegion}分中心 督办`, role: 'supervisor', scope: desk.name });
    }
  }
  // A province installation's cities (cities.yaml): an operator of each city's desk, who sees only that city (scope: its unit).
  for (const c of config.cities.cities)
    demo.push({ username: `${c.prefix.toLowerCase()}-operator`, displayName: `${c.name} 话务员`, role: 'operator', scope: c.name });
  const units = uow.read(UNITS);
  for (const d of demo) {
    const scopeUnitId = d.scope ? ((await units.findActiveByName(d.scope))?.id ?? null) : null;
    await users.create({ username: d.username, displayName: d.displayName, role: d.role, passwordHash: hash, unitNames: d.units, email: null, scopeUnitId });
  }
  return demo.map((d) => d.username);
}
