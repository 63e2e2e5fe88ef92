/**
 * #14 finding 13 (cluster race): two tickets of one collective matter routed at the same moment
 * by two workers both found no cluster yet and both inserted it; the second hit `Duplicate entry`
 * on the cluster key and its routing failed. Both must join the one cluster, told once.
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataSource, In } from 'typeorm';
import type { Classification, Classifier } from '@hub/classification';
import { HubConfig, loadConfig } from '@hub/config';
import {
  ClusterEntity,
  ensureSource,
  openDatabase,
  OutgoingMailEntity,
  syncDirectory,
  TicketEntity,
  TypeOrmTicketRepository,
  TypeOrmUnitOfWork,
} from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { systemClock } from '@hub/domain';
import { RecordingJobProducer } from '@hub/queue';
import { buildTicketUseCases } from '@hub/tickets';
import { createMysqlDatabase, createTicket } from '@hub/testing';

/** The same reading of every letter: 停水 at 港湾新城 (the model is not what this test is about). */
const classifier = {
  model: { version: 'race-1' },
  setRules: () => undefined,
  classify: (): Classification =>
    ({
      category: '公用事业/供水',
      region: '南港区',
      department: null,
      assistUnits: [],
      urgency: 'normal',
      sensitive: false,
      disposition: 'dispatch',
      confidence: 0.4,
      auto: false,
      suggestions: [],
      why: { matchedRules: [], topTerms: [], place: { name: '港湾新城', region: '南港区' }, ambiguousPlaces: [], urgencySignals: [] },
    }) as unknown as Classification,
} as unknown as Classifier;

describe('two tickets creating the same cluster at once (MariaDB)', () => {
  let config: HubConfig;
  let drop: () => Promise<void>;
  const workers: DataSource[] = [];

  beforeAll(async () => {
    const db = await createMysqlDatabase('hubrace');
    drop = db.drop;
    config = loadConfig({ ...process.env, DATABASE_URL: db.url, HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-race-')) });
    // Two workers: each its own connection pool, as two processes would have.
    workers.push(await openDatabase(config.env.database, { migrate: true }));
    workers.push(await openDatabase(config.env.database, { migrate: false }));
    await syncDirectory(workers[0], config);
  }, 120_000);
  afterAll(async () => {
    jest.restoreAllMocks();
    for (const ds of workers) await ds.destroy();
    await drop?.();
  });

  const router = (ds: DataSource) =>
    buildTicketUseCases({
      uow: new TypeOrmUnitOfWork(ds, new RecordingJobProducer()),
      config,
      planner: loadDeadlinePolicies(config),
      clock: systemClock,
      classifiers: { get: () => classifier },
    }).routeNewTickets;

  it('puts both tickets in the one cluster, routes both, and tells the supervisors once', async () => {
    const [a, b] = workers;
    const hotline = (await ensureSource(a, '市长公开电话', 'hotline')).id;
    const call = (text: string, phone: string, minutesAgo: number) =>
      a.transaction((m) =>
        createTicket(m, {
          sourceId: hotline,
          channel: 'hotline',
          text,
          receivedAt: new Date(Date.now() - minutesAgo * 60_000),
          requester: { name: '居民', phone },
        }),
      );
    const early = [await call('港湾新城7号楼从早上开始停水了', '13700000101', 30), await call('港湾新城7栋停水，老人没法做饭', '13700000102', 25)];
    for (const t of early) await router(a).execute({ ticketIds: [t.id] });
    expect(await a.getRepository(ClusterEntity).count()).toBe(0);

    const third = await call('港湾新城七号楼一直没水', '13700000103', 10);
    const fourth = await call('港湾新城7号楼还是停水，什么时候来水', '13700000104', 5);
    // Both routers read the recent tickets before either writes a cluster: the race, every time.
    const read = TypeOrmTicketRepository.prototype.listRecentIn;
    let arrived = 0;
    let release!: () => void;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    jest.spyOn(TypeOrmTicketRepository.prototype, 'listRecentIn').mockImplementation(async function (this: TypeOrmTicketRepository, ...args) {
      const rows = await read.apply(this, args);
      if (++arrived === 2) release();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([bothRead, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
      clearTimeout(timer);
      return rows;
    });
    const [outA, outB] = await Promise.all([router(a).execute({ ticketIds: [third.id] }), router(b).execute({ ticketIds: [fourth.id] })]);
    // A router whose ticket the other changed meanwhile (its cluster set) routes it again: a third read.
    expect(arrived).toBeGreaterThanOrEqual(2);

    expect([outA[0].result, outB[0].result]).toEqual(['triage', 'triage']);
    const ids = [...early, third, fourth].map((t) => t.id);
    const tickets = await a.getRepository(TicketEntity).findBy({ id: In(ids) });
    expect(tickets.map((t) => t.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    const clusters = await a.getRepository(ClusterEntity).find();
    expect(clusters).toHaveLength(1);
    expect(new Set(tickets.map((t) => t.clusterId))).toEqual(new Set([clusters[0].id]));
    expect(await a.getRepository(OutgoingMailEntity).countBy({ kind: 'alert', dedupeKey: `cluster-${clusters[0].id}` })).toBe(1);
  }, 60_000);
});
