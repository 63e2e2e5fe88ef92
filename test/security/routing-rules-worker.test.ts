import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { ensureModel } from '@hub/classification';
import { HubConfig, loadConfig } from '@hub/config';
import { ensureSource, openDatabase, ROUTING_RULES, syncDirectory, TicketEntity, TypeOrmUnitOfWork } from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { systemClock } from '@hub/domain';
import { RecordingJobProducer } from '@hub/queue';
import { ActiveModelClassifierSource, buildTicketUseCases } from '@hub/tickets';
import { createMysqlDatabase, createTicket } from '@hub/testing';

const ROOT = join(__dirname, '..', '..');

describe('rules stored before rules were checked, met by the router (#6)', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  let config: HubConfig;
  let dir: string;

  beforeAll(async () => {
    const db = await createMysqlDatabase('hubrules');
    drop = db.drop;
    dir = mkdtempSync(join(tmpdir(), 'hub-rules-'));
    // The shipped configuration with a small training file: the routing model trains in seconds.
    const configDir = join(dir, 'config');
    cpSync(join(ROOT, 'config'), configDir, { recursive: true });
    const training = join(configDir, 'training');
    const keep = readFileSync(join(training, 'demo-city.jsonl'), 'utf8').split('\n').slice(0, 150).join('\n');
    for (const f of readdirSync(training)) rmSync(join(training, f));
    writeFileSync(join(training, 'demo-city.jsonl'), keep + '\n');
    config = loadConfig({ ...process.env, DATABASE_URL: db.url, HUB_DATA_DIR: dir, HUB_CONFIG_DIR: configDir });
    ds = await openDatabase(config.env.database, { migrate: true });
    await syncDirectory(ds, config);
    ensureModel(config);
  }, 180_000);
  afterAll(async () => {
    await ds?.destroy();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('routes a letter ending in 30 "a" past (a+)+$ and a string of keywords, applying the sound rule', async () => {
    const uow = new TypeOrmUnitOfWork(ds, new RecordingJobProducer());
    // Written straight to the table, as the API let them be saved before.
    await uow.run(async (tx) => {
      const rules = tx.get(ROUTING_RULES);
      await rules.create({ name: '回溯', priority: 300, enabled: true, conditions: { patterns: ['(a+)+$'] }, actions: { unit: '市水务局' } }, 'admin');
      await rules.create({ name: '字符串关键词', priority: 200, enabled: true, conditions: { keywords: '路灯' }, actions: { category: 7 } }, 'admin');
      await rules.create({ name: '路灯', priority: 100, enabled: true, conditions: { keywords: ['路灯'] }, actions: { urgency: 'urgent' } }, 'admin');
    });
    const hotline = (await ensureSource(ds, '市长公开电话', 'hotline')).id;
    const t = await ds.transaction((m) =>
      createTicket(m, {
        sourceId: hotline,
        channel: 'hotline',
        text: `西岭区岭南路路灯不亮已经一周了 ${'a'.repeat(30)}!`,
        receivedAt: new Date(),
        requester: { name: '市民', phone: '13900000009' },
      }),
    );
    const router = buildTicketUseCases({
      uow,
      config,
      planner: loadDeadlinePolicies(config),
      clock: systemClock,
      classifiers: new ActiveModelClassifierSource(config, ensureModel),
    }).routeNewTickets;
    const [out] = await router.execute({ ticketIds: [t.id] });
    expect(['dispatched', 'triage']).toContain(out.result);
    const ticket = await ds.getRepository(TicketEntity).findOneByOrFail({ id: t.id });
    // The sound rule forced urgency; the backtracking one did not match (the text ends in "!").
    expect(ticket.urgency).toBe('urgent');
    expect(ticket.category).not.toBe(7);
  }, 120_000);
});
