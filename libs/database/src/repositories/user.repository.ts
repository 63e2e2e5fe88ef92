import { EntityManager, In } from 'typeorm';
import { UnitEntity, UserEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

/** A console account with the units it works for (names only: what sessions and lists show). */
export type UserRecord = Omit<UserEntity, 'units'> & { units: Array<{ id: number; name: string }> };

export interface NewUser {
  username: string;
  displayName: string;
  role: string;
  passwordHash: string;
  email: string | null;
  /** The units it works for, by id (unknown ids are left out) or by name. */
  unitIds?: number[];
  unitNames?: string[];
  /** The password was chosen by someone else: asked to change it at the first login. */
  mustChangePassword?: boolean;
  /** An operator's or supervisor's scope: this unit's sub-tree (null or absent: the whole installation). */
  scopeUnitId?: number | null;
}

export interface UserChanges {
  displayName?: string;
  role?: string;
  active?: boolean;
  passwordHash?: string;
  /** Replaces the units it works for (unknown ids are left out). */
  unitIds?: number[];
  mustChangePassword?: boolean;
  /** The unit whose sub-tree it works (null: the whole installation). */
  scopeUnitId?: number | null;
}

/** Console accounts (users and user_units). */
export interface UserRepository {
  count(): Promise<number>;
  findByUsername(username: string): Promise<UserRecord | null>;
  findById(id: number): Promise<UserRecord | null>;
  /** Every account, in id order. */
  list(): Promise<UserRecord[]>;
  create(user: NewUser): Promise<{ id: number; username: string }>;
  update(id: number, changes: UserChanges): Promise<void>;
  /** After a wrong password: the new failure count and, when it locks, until when. */
  recordFailedLogin(id: number, failedLogins: number, lockedUntil: Date | null): Promise<void>;
  recordLogin(id: number, at: Date): Promise<void>;
}

function record(u: UserEntity): UserRecord {
  return { ...u, units: (u.units ?? []).map((x) => ({ id: x.id, name: x.name })) };
}

export class TypeOrmUserRepository implements UserRepository {
  constructor(private readonly m: EntityManager) {}

  private get users() {
    return this.m.getRepository(UserEntity);
  }

  private async unitsFor(ids?: number[], names?: string[]): Promise<UnitEntity[]> {
    const units = this.m.getRepository(UnitEntity);
    if (ids?.length) return units.findBy({ id: In(ids) });
    if (names?.length) return units.findBy({ name: In(names) });
    return [];
  }

  count(): Promise<number> {
    return this.users.count();
  }

  async findByUsername(username: string): Promise<UserRecord | null> {
    const u = await this.users.findOne({ where: { username }, relations: { units: true } });
    return u ? record(u) : null;
  }

  async findById(id: number): Promise<UserRecord | null> {
    const u = await this.users.findOne({ where: { id }, relations: { units: true } });
    return u ? record(u) : null;
  }

  async list(): Promise<UserRecord[]> {
    return (await this.users.find({ relations: { units: true }, order: { id: 'ASC' } })).map(record);
  }

  async create(n: NewUser): Promise<{ id: number; username: string }> {
    const units = await this.unitsFor(n.unitIds, n.unitNames);
    const u = await this.users.save(
      this.users.create({
        username: n.username,
        displayName: n.displayName,
        role: n.role,
        passwordHash: n.passwordHash,
        email: n.email,
        active: true,
        failedLogins: 0,
        lockedUntil: null,
        lastLoginAt: null,
        mustChangePassword: n.mustChangePassword ?? false,
        scopeUnitId: n.scopeUnitId ?? null,
        units,
      }),
    );
    return { id: u.id, username: u.username };
  }

  async update(id: number, c: UserChanges): Promise<void> {
    const u = await this.users.findOne({ where: { id }, relations: { units: true } });
    if (!u) return;
    if (c.displayName !== undefined) u.displayName = c.displayName;
    if (c.role !== undefined) u.role = c.role;
    if (c.active !== undefined) u.active = c.active;
    if (c.passwordHash !== undefined) u.passwordHash = c.passwordHash;
    if (c.mustChangePassword !== undefined) u.mustChangePassword = c.mustChangePassword;
    if (c.scopeUnitId !== undefined) u.scopeUnitId = c.scopeUnitId;
    if (c.unitIds) u.units = await this.m.getRepository(UnitEntity).findBy({ id: In(c.unitIds) });
    await this.users.save(u);
  }

  async recordFailedLogin(id: number, failedLogins: number, lockedUntil: Date | null): Promise<void> {
    await this.users.update(id, { failedLogins, lockedUntil });
  }

  async recordLogin(id: number, at: Date): Promise<void> {
    await this.users.update(id, { failedLogins: 0, lockedUntil: null, lastLoginAt: at });
  }
}

export const USERS = repositoryToken<UserRepository>('users', (m) => new TypeOrmUserRepository(m));
