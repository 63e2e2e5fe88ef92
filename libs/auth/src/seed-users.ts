import { DataSource, In } from 'typeorm';
import type { HubConfig } from '@hub/config';
import { UnitEntity, UserEntity } from '@hub/database';
import { hashPassword } from './password';

export const ROLES = ['operator', 'unit', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Demo accounts for the shipped demo city, created only when there are no users at all. The
 * password is HUB_DEMO_PASSWORD (default `hub12345`); README lists the accounts.
 */
export async function seedDemoUsers(ds: DataSource, config: HubConfig, password = process.env.HUB_DEMO_PASSWORD || 'hub12345'): Promise<string[]> {
  const users = ds.getRepository(UserEntity);
  if ((await users.count()) > 0) return [];
  const hash = await hashPassword(password);
  const units = ds.getRepository(UnitEntity);
  const byName = async (names: string[]) => units.findBy({ name: In(names) });
  const firstRegion = config.regions.regions[0]?.name;
  const demo: Array<{ username: string; displayName: string; role: Role; units?: string[] }> = [
    { username: 'admin', displayName: '系统管理员', role: 'admin' },
    { username: 'operator', displayName: '话务员 王芳', role: 'operator' },
    { username: 'supervisor', displayName: '督办科 李强', role: 'supervisor' },
  ];
  const cityUnits = config.units.units.filter((u) => !u.region).slice(0, 3);
  cityUnits.forEach((u, i) => demo.push({ username: `unit${i + 1}`, displayName: `${u.name} 承办人`, role: 'unit', units: [u.name] }));
  if (firstRegion) {
    const regional = config.units.units.filter((u) => u.region === firstRegion).map((u) => u.name);
    if (regional.length) demo.push({ username: 'district', displayName: `${firstRegion} 承办人`, role: 'unit', units: regional });
  }
  for (const d of demo) {
    await users.save(users.create({
      username: d.username, displayName: d.displayName, role: d.role, passwordHash: hash, active: true,
      units: d.units ? await byName(d.units) : [], email: null, failedLogins: 0, lockedUntil: null, lastLoginAt: null,
    }));
  }
  return demo.map((d) => d.username);
}
