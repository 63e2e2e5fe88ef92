import { MigrationInterface, QueryRunner } from 'typeorm';

export class LoginThrottles1796545787305 implements MigrationInterface {
  name = 'LoginThrottles1796545787305';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "login_throttles" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "throttleKey" varchar(200) NOT NULL, "failures" integer NOT NULL DEFAULT (0), "lastFailureAt" datetime(3) NOT NULL, "blockedUntil" datetime(3), CONSTRAINT "UQ_7715a7b4016640d1e6bd69dfaa2" UNIQUE ("throttleKey"))`);
    await q.query(`CREATE INDEX "ix_login_throttle_last" ON "login_throttles" ("lastFailureAt") `);
    await q.query(`CREATE TABLE "temporary_users" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "username" varchar(64) NOT NULL, "displayName" varchar(100) NOT NULL, "passwordHash" varchar(200) NOT NULL, "role" varchar(16) NOT NULL, "email" varchar(200), "active" boolean NOT NULL DEFAULT (1), "failedLogins" integer NOT NULL DEFAULT (0), "lockedUntil" datetime(3), "lastLoginAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "mustChangePassword" boolean NOT NULL DEFAULT (0), CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE ("username"))`);
    await q.query(`INSERT INTO "temporary_users"("id", "username", "displayName", "passwordHash", "role", "email", "active", "failedLogins", "lockedUntil", "lastLoginAt", "createdAt") SELECT "id", "username", "displayName", "passwordHash", "role", "email", "active", "failedLogins", "lockedUntil", "lastLoginAt", "createdAt" FROM "users"`);
    await q.query(`DROP TABLE "users"`);
    await q.query(`ALTER TABLE "temporary_users" RENAME TO "users"`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" RENAME TO "temporary_users"`);
    await q.query(`CREATE TABLE "users" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "username" varchar(64) NOT NULL, "displayName" varchar(100) NOT NULL, "passwordHash" varchar(200) NOT NULL, "role" varchar(16) NOT NULL, "email" varchar(200), "active" boolean NOT NULL DEFAULT (1), "failedLogins" integer NOT NULL DEFAULT (0), "lockedUntil" datetime(3), "lastLoginAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE ("username"))`);
    await q.query(`INSERT INTO "users"("id", "username", "displayName", "passwordHash", "role", "email", "active", "failedLogins", "lockedUntil", "lastLoginAt", "createdAt") SELECT "id", "username", "displayName", "passwordHash", "role", "email", "active", "failedLogins", "lockedUntil", "lastLoginAt", "createdAt" FROM "temporary_users"`);
    await q.query(`DROP TABLE "temporary_users"`);
    await q.query(`DROP INDEX "ix_login_throttle_last"`);
    await q.query(`DROP TABLE "login_throttles"`);
  }
}
