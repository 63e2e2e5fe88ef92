import { loadConfig } from '@hub/config';
import { openDatabase, syncDirectory, TypeOrmUnitOfWork } from '@hub/database';
import { ticketScopeOf } from '@hub/domain';
import { RecordingJobProducer } from '@hub/queue';
import { queryTierStats } from '@hub/reporting';
import { createMysqlDatabase } from '@hub/testing';
import type { DataSource } from 'typeorm';
import { COMMUNITY, DISTRICT, OTHER_STREET, STREET, tieredConfigDir } from './tiered-config';

/**
 * 分级统计 on MariaDB, figures counted by hand. In March 2026 (Beijing): the city gives 东湖区's desk
 * four matters (limit 5 days); the desk hands three to 桃园街道 (limit 3 days), one of which 桃园 hands to
 * its community (limit 1 day); one goes to 湖滨街道. A city department gets two. "Now" is 2026-03-20.
 */
describe('statistics by tier', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  let ids: Record<string, number>;
  const NOW = new Date('2026-03-20T02:00:00Z');
  const day = (d: number, h = 2) => new Date(Date.UTC(2026, 2, d, h));

  async function assign(
    ticket: number,
    unit: string,
    role: string,
    given: Date,
    limitDays: number,
    repliedAt: Date | null,
    status = repliedAt ? 'replied' : 'active',
  ) {
    const r = (await ds.query(
      `INSERT INTO assignments (ticketId, unitId, role, status, dispatchedAt, repliedAt, extensionCount) VALUES (?, ?, ?, ?, ?, ?, 0)`,
      [ticket, ids[unit], role, status, given, repliedAt],
    )) as { insertId: number };
    const due = new Date(given.getTime() + limitDays * 86400_000);
    await ds.query(
      `INSERT INTO deadlines (ticketId, assignmentId, unitId, stage, startAt, dueAt, basis, status, metAt, pausedMs, dueVersion) VALUES (?, ?, ?, 'reply', ?, ?, 'calendar', ?, ?, 0, 1)`,
      [ticket, r.insertId, ids[unit], given, due, repliedAt ? 'met' : status === 'active' ? 'open' : 'cancelled', repliedAt],
    );
  }

  beforeAll(async () => {
    const db = await createMysqlDatabase('hubtierstats');
    drop = db.drop;
    const config = loadConfig({ ...process.env, DATABASE_URL: db.url, HUB_CONFIG_DIR: tieredConfigDir(), LOG_LEVEL: 'warn' });
    ds = await openDatabase(config.env.database, { migrate: true });
    await syncDirectory(ds, config);
    ids = Object.fromEntries(((await ds.query('SELECT id, name FROM units')) as Array<{ id: number; name: string }>).map((u) => [u.name, u.id]));
    const city = '市住房和城乡建设局';
    // Tickets 1-4 to the district desk, 5-6 to the city department (the ticket rows themselves are not read).
    await assign(1, DISTRICT, 'lead', day(2), 5, day(6)); // in time
    await assign(1, STREET, 'sub', day(2, 6), 3, day(5)); // in time
    await assign(2, DISTRICT, 'lead', day(3), 5, day(10)); // late (due 8th)
    await assign(2, STREET, 'sub', day(3, 6), 3, day(9)); // late (due 6th 06:00)
    await assign(2, COMMUNITY, 'sub', day(4), 1, day(4, 20)); // in time
    await assign(3, DISTRICT, 'lead', day(12), 5, null); // due 17th: overdue now
    await assign(3, STREET, 'sub', day(12, 6), 3, null, 'returned'); // 退单
    await assign(4, DISTRICT, 'lead', day(18), 5, null); // due 23rd: still running
    await assign(4, OTHER_STREET, 'sub', day(18, 6), 3, null); // due 21st: running
    await assign(5, city, 'lead', day(5), 5, day(9)); // in time
    await assign(6, city, 'lead', day(25), 5, null); // given on the 25th, after the period asked (to the 20th): left out
  });
  afterAll(async () => {
    await ds?.destroy();
    await drop?.();
  });

  it('measures each level on its own limit and rolls them up the tree', async () => {
    const uow = new TypeOrmUnitOfWork(ds, new RecordingJobProducer());
    const r = await queryTierStats(uow, { from: '2026-03-01', to: '2026-03-20', now: NOW, scope: null });
    const pick = (f: {
      assigned: number;
      replied: number;
      repliedOnTime: number;
      repliedLate: number;
      overdueOpen: number;
      returned: number;
      onTimeRate: number | null;
    }) => [f.assigned, f.replied, f.repliedOnTime, f.repliedLate, f.overdueOpen, f.returned, f.onTimeRate];
    // The demo's city departments carry no tier: 'none'. District: 4 given, 2 answered (1 late), 1 overdue → 1 / 3.
    // Streets: 桃园 3 (1 in time, 1 late, 1 returned) + 湖滨 1 running → 1 / 2. Community: 1 in time → 1.
    expect(Object.fromEntries(r.tiers.map((t) => [t.tier, pick(t)]))).toEqual({
      district: [4, 2, 1, 1, 1, 0, 1 / 3],
      street: [4, 2, 1, 1, 0, 1, 1 / 2],
      community: [1, 1, 1, 0, 0, 0, 1],
      none: [1, 1, 1, 0, 0, 0, 1],
    });
    const unit = (name: string) => r.units.find((u) => u.name === name)!;
    expect(pick(unit(STREET).own)).toEqual([3, 2, 1, 1, 0, 1, 1 / 2]);
    // 桃园 with its community: 4 given, 3 answered, 2 in time → 2 / 3.
    expect(pick(unit(STREET).subtree)).toEqual([4, 3, 2, 1, 0, 1, 2 / 3]);
    // The district with everything below: 9 given, 5 answered, 3 in time, 2 late, 1 overdue → 3 / 6.
    expect(pick(unit(DISTRICT).subtree)).toEqual([9, 5, 3, 2, 1, 1, 1 / 2]);
  });

  it("gives a district's scoped desk its own tree only", async () => {
    const uow = new TypeOrmUnitOfWork(ds, new RecordingJobProducer());
    const units = (await ds.query('SELECT id, parentId, region FROM units')) as Array<{ id: number; parentId: number | null; region: string | null }>;
    const r = await queryTierStats(uow, { from: '2026-03-01', to: '2026-03-20', now: NOW, scope: ticketScopeOf(units, ids[OTHER_STREET]) });
    expect(r.units.map((u) => [u.name, u.parentId, u.own.assigned])).toEqual([[OTHER_STREET, null, 1]]);
    expect(r.tiers.map((t) => [t.tier, t.assigned])).toEqual([['street', 1]]);
  });
});
