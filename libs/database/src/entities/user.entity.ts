import { Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Bool, CreatedAt, Int, NullableInt, NullableStr, NullableTime, Str } from './columns';
import { UnitEntity } from './unit.entity';

/** A console account: operator (话务员), unit user (承办人), supervisor (督办) or admin. */
@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Str(64, { unique: true }) username!: string;
  @Str(100) displayName!: string;
  @Str(200) passwordHash!: string;
  /** operator | unit | supervisor | admin */
  @Str(16) role!: string;
  @NullableStr(200) email!: string | null;
  @Bool(true) active!: boolean;
  @Int({ default: 0 }) failedLogins!: number;
  @NullableTime() lockedUntil!: Date | null;
  @NullableTime() lastLoginAt!: Date | null;
  /** Set when an administrator chose the password (a new account, a reset): the console asks for a new one first. */
  @Bool(false) mustChangePassword!: boolean;
  /**
   * An operator's or supervisor's scope (issue #21): the unit whose sub-tree (itself included) it
   * works, e.g. a district government for its 分中心. Null: the whole installation.
   */
  @NullableInt() scopeUnitId!: number | null;
  @ManyToMany(() => UnitEntity)
  @JoinTable({ name: 'user_units', joinColumn: { name: 'userId' }, inverseJoinColumn: { name: 'unitId' } })
  units!: UnitEntity[];
  @CreatedAt() createdAt!: Date;
}
