/**
 * A ticket joining a cluster (a later caller's ticket flagged the cluster) is not a change to its
 * handling: whoever is routing or handling it at that moment must not be refused as "changed by
 * someone else". With several workers routing an export side by side this refused tickets that
 * then waited for the triage sweep. On MariaDB and SQLite.
 */
import type { DataSource } from 'typeorm';
import { insertRows, TypeOrmTicketRepository } from '@hub/database';
import { DIALECTS, useDialectDatabase } from '@hub/testing';

describe.each(DIALECTS)('a ticket put in a cluster on %s', (dialect) => {
  const db = useDialectDatabase(dialect, 'hubclusterv');
  let ds: DataSource;

  beforeAll(async () => {
    ds = db.ds;
    await insertRows(
      ds.manager,
      'tickets',
      [1, 2].map((id) => ({ id, sourceId: 1, channel: 'hotline', status: 'received', text: `停水${id}`, receivedAt: new Date('2026-11-02T01:00:00Z') })),
    );
    await insertRows(ds.manager, 'clusters', [
      { id: 7, key: 'water@西区', title: '西区 停水', firstAt: new Date('2026-11-02T01:00:00Z'), lastAt: new Date('2026-11-02T01:00:00Z'), status: 'flagged' },
    ]);
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
