/**
 * A ticket joining a cluster (a later caller's ticket flagged the cluster) is not a change to its
 * handling: whoever is routing or handling it at that moment must not be refused as "changed by
 * someone else". With several workers routing an export side by side this refused tickets that
 * then waited for the triage sweep. On MariaDB and SQLite.
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '@hub/config';
import { insertRows, openDatabase, TypeOrmTicketRepository } from '@hub/database';
import { createMysqlDatabase } from '@hub/testing';

describe.each([
  ['MariaDB', async () => createMysqlDatabase('hubclusterv')],
  ['SQLite', async () => ({ url: `sqlite:${join(mkdtempSync(join(tmpdir(), 'hub-cluster-version-')), 'hub.sqlite')}`, drop: async () => {} })],
])('a ticket put in a cluster on %s', (_name, database) => {
  let ds: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await database();
    drop = db.drop;
    ds = await openDatabase(parseDatabaseUrl(db.url, []), { migrate: true });
    await insertRows(
      ds.manager,
      'tickets',
      [1, 2].map((id) => ({ id, sourceId: 1, channel: 'hotline', status: 'received', text: `停水${id}`, receivedAt: new Date('2026-11-02T01:00:00Z') })),
    );
    await insertRows(ds.manager, 'clusters', [
      { id: 7, key: 'water@西区', title: '西区 停水', firstAt: new Date('2026-11-02T01:00:00Z'), lastAt: new Date('2026-11-02T01:00:00Z'), status: 'flagged' },
    ]);
  });

  afterAll(async () => {
    await ds?.destroy();
    await drop?.();
  });

  it('is in the cluster, and a change made on the version read before still goes through', async () => {
    const tickets = new TypeOrmTicketRepository(ds.manager);
    const before = (await tickets.findById(1))!;
    await tickets.setCluster([1, 2], 7);
    expect((await tickets.findById(1))!.clusterId).toBe(7);
    expect((await tickets.findById(2))!.clusterId).toBe(7);
    expect(await tickets.updateIfVersion(1, before.version, { status: 'accepted' })).toBe(true);
    expect((await tickets.findById(1))!.status).toBe('accepted');
  });
});
