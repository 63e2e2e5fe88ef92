import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import { HubConfig, loadConfig, parseDatabaseUrl } from '@hub/config';
import { ImportFileEntity, openDatabase, RequesterEntity, syncDirectory, TicketEntity, TicketEventEntity } from '@hub/database';
import { type NewTicket, TypeOrmUnitOfWork } from '@hub/database';
import { RecordIntakeUseCase } from '@hub/intake';
import { RecordingJobProducer } from '@hub/queue';
import { createMysqlDatabase, importHotlineFile } from '@hub/testing';

const HEADER = '工单编号,来电时间,来电号码,来电人,热线,诉求内容,地址,紧急程度';

/** A GBK export of rows `from`..`to` (inclusive), every row good. */
function exportFile(dir: string, name: string, from: number, to: number, extra: string[] = []): string {
  const lines = [HEADER];
  for (let i = from; i <= to; i++) {
    const minute = String(i % 60).padStart(2, '0');
    lines.push(
      `GD${String(i).padStart(6, '0')},2025-03-02 09:${minute},139${String(i).padStart(8, '0')},市民${i},市长公开电话,第${i}号反映：路灯不亮,东湖区人民路${i}号,${i % 7 === 0 ? '紧急' : '一般'}`,
    );
  }
  lines.push(...extra);
  const file = join(dir, name);
  writeFileSync(file, iconv.encode(lines.join('\r\n') + '\r\n', 'gbk'));
  return file;
}

describe.each(['mariadb', 'sqlite'] as const)('hotline export import on %s', (dialect) => {
  let ds: DataSource;
  let drop: () => Promise<void> = async () => undefined;
  let config: HubConfig;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `hub-hotline-${dialect}-`));
    let url = `sqlite:${join(dir, 'hub.sqlite')}`;
    if (dialect === 'mariadb') {
      const db = await createMysqlDatabase('hubhotline');
      url = db.url;
      drop = db.drop;
    }
    ds = await openDatabase(parseDatabaseUrl(url, []), { migrate: true });
    config = loadConfig({ ...process.env, HUB_DATA_DIR: join(dir, 'data') });
    await syncDirectory(ds, config);
  });
  afterAll(async () => {
    await ds?.destroy();
    await drop();
  });

  /** The bulk path every channel shares (record-intake), fed tickets of one source as export rows. */
  async function createTicketsBulk(items: Array<Omit<NewTicket, 'recordedBy'>>) {
    const [{ name }] = await ds.query('SELECT name FROM sources WHERE id = ?', [items[0].sourceId]);
    const { recorded, duplicates } = await new RecordIntakeUseCase(new TypeOrmUnitOfWork(ds, new RecordingJobProducer())).execute({
      drafts: items.map((it) => ({ ...it, source: name, raw: { kind: 'export_file' as const, importFileId: 0 } })),
    });
    return { duplicates, created: recorded.flatMap((r, i) => (r.created ? [{ id: r.ticketId as number, externalId: items[i].externalId ?? null }] : [])) };
  }

  const ticketsOf = (externalIds: string[]) =>
    ds.getRepository(TicketEntity).createQueryBuilder('t').where('t.externalId IN (:...ids)', { ids: externalIds }).orderBy('t.externalId').getMany();

  it('turns every row into one ticket awaiting classification, with its requester and first event', async () => {
    // 2,500 rows: several chunks, and a row repeated inside the file counts once.
    const file = exportFile(dir, 'first.csv', 1, 2500, ['GD000010,2025-03-02 09:10,13900000010,市民10,市长公开电话,第10号反映：路灯不亮,东湖区,一般']);
    const summary = await importHotlineFile(ds, config, null, file, 'standard');
    expect(summary).toMatchObject({ rows: 2501, imported: 2500, duplicates: 1, rejected: 0, rejects: null });

    const tickets = await ticketsOf(['GD000001', 'GD000007', 'GD002500']);
    expect(tickets.map((t) => [t.externalId, t.status, t.channel, t.urgency, t.text, t.receivedAt.toISOString()])).toEqual([
      ['GD000001', 'received', 'hotline', 'normal', '第1号反映：路灯不亮', '2025-03-02T01:01:00.000Z'],
      ['GD000007', 'received', 'hotline', 'urgent', '第7号反映：路灯不亮', '2025-03-02T01:07:00.000Z'],
      ['GD002500', 'received', 'hotline', 'normal', '第2500号反映：路灯不亮', '2025-03-02T01:40:00.000Z'],
    ]);
    const requesters = await ds.getRepository(RequesterEntity).find();
    expect(requesters).toHaveLength(2500);
    const byId = new Map(requesters.map((r) => [r.id, r]));
    const all = await ds.getRepository(TicketEntity).find();
    expect(all).toHaveLength(2500);
    for (const t of all) {
      const r = byId.get(t.requesterId as number);
      const n = Number(t.externalId?.slice(2));
      expect([r?.name, r?.phone, r?.originTicketId]).toEqual([`市民${n}`, `139${String(n).padStart(8, '0')}`, t.id]);
    }
    const events = await ds.getRepository(TicketEventEntity).find();
    expect(events).toHaveLength(2500);
    expect(new Set(events.map((e) => e.ticketId))).toEqual(new Set(all.map((t) => t.id)));
    expect(events.every((e) => e.type === 'received' && e.toStatus === 'received' && e.data?.channel === 'hotline')).toBe(true);
  });

  it('imports an overlapping export again without doubling anything', async () => {
    const file = exportFile(dir, 'overlap.csv', 2001, 3000);
    const summary = await importHotlineFile(ds, config, null, file, 'standard');
    expect(summary).toMatchObject({ rows: 1000, imported: 500, duplicates: 500 });
    expect(await ds.getRepository(TicketEntity).count()).toBe(3000);
    expect(await ds.getRepository(RequesterEntity).count()).toBe(3000);
    expect(await ds.getRepository(TicketEventEntity).count()).toBe(3000);
    const record = await ds.getRepository(ImportFileEntity).findOneByOrFail({ id: summary.importFileId });
    expect(record).toMatchObject({ status: 'done', imported: 500, duplicates: 500 });
    const [t] = await ticketsOf(['GD002999']);
    expect(await ds.getRepository(RequesterEntity).findOneByOrFail({ id: t.requesterId as number })).toMatchObject({ name: '市民2999', originTicketId: t.id });
  });

  it('creates tickets without an external id one each, mixed with ones that have one', async () => {
    const [{ id: sourceId }] = await ds.query("SELECT id FROM sources WHERE name = '市长公开电话'");
    const at = new Date('2025-03-03T02:00:00.000Z');
    const result = await createTicketsBulk([
      { sourceId, channel: 'hotline', externalId: null, text: '无编号一', receivedAt: at, requester: { name: '甲' } },
      { sourceId, channel: 'hotline', externalId: 'GD900001', text: '有编号', receivedAt: at, requester: null },
      { sourceId, channel: 'hotline', externalId: null, text: '无编号二', receivedAt: at, requester: { phone: '13800000000' } },
      { sourceId, channel: 'hotline', externalId: 'GD000001', text: '已导入过', receivedAt: at },
    ]);
    expect(result.duplicates).toBe(1);
    expect(result.created.map((c) => c.externalId)).toEqual([null, 'GD900001', null]);
    const created = await ds.getRepository(TicketEntity).findBy(result.created.map((c) => ({ id: c.id })));
    expect(created.map((t) => t.text).sort()).toEqual(['无编号一', '无编号二', '有编号']);
    const withRequester = created.filter((t) => t.requesterId !== null);
    expect(withRequester.map((t) => t.text).sort()).toEqual(['无编号一', '无编号二']);
    for (const t of created) expect(await ds.getRepository(TicketEventEntity).countBy({ ticketId: t.id, type: 'received' })).toBe(1);
  });

  it('imports rows with fields longer than the database holds instead of failing the whole file', async () => {
    const file = exportFile(dir, 'long-fields.csv', 8001, 8002, [
      `GD008003,2025-03-02 10:00,13800138000/13900139000、0571-88888888转123 或 13700137000 13600136000,${'欧阳'.repeat(60)},市长公开电话,${'小区噪音扰民，'.repeat(4000)},${'东湖区幸福路'.repeat(100)},一般`,
      `GD${'8'.repeat(200)},2025-03-02 10:05,13800000001,钱先生,市长公开电话,编号对应错了,东湖区,一般`,
      `GD008005,2025-03-02 10:10,13800000002,孙女士,${'市长公开电话'.repeat(20)},热线对应错了,东湖区,一般`,
    ]);
    const summary = await importHotlineFile(ds, config, null, file, 'standard');
    expect(summary).toMatchObject({ rows: 5, imported: 3, duplicates: 0, rejected: 2 });
    const report = readFileSync(summary.rejects as string, 'utf8');
    expect(report).toMatch(/\n5,工单编号太长（202 字，最多 128 字）/);
    expect(report).toMatch(/\n6,热线太长（120 字，最多 100 字）/);
    const [t] = await ticketsOf(['GD008003']);
    expect(t.text).toMatch(/^小区噪音扰民，.*（诉求内容过长，此处已截断；完整内容见导入的原始导出文件存档。）$/s);
    expect(t.address).toHaveLength(500);
    expect(await ds.getRepository(RequesterEntity).findOneByOrFail({ id: t.requesterId as number })).toMatchObject({
      phone: '13800138000',
      name: '欧阳'.repeat(50),
    });
  });

  it("counts each row under the line its column names when sources.yaml's line is that column", async () => {
    const source = {
      name: '东湖区分中心',
      encoding: 'auto' as const,
      line: '受理渠道',
      columns: { 编号: 'externalId' as const, 时间: 'receivedAt' as const, 内容: 'text' as const },
    };
    const file = join(dir, 'channel.csv');
    writeFileSync(file, '编号,时间,内容,受理渠道\r\nQD-1,2025-03-02 09:15,门前积水,区长公开电话\r\nQD-2,2025-03-02 09:20,路灯不亮,\r\n');
    const summary = await importHotlineFile(ds, { ...config, sources: { sources: [...config.sources.sources, source] } }, null, file, source.name);
    expect(summary).toMatchObject({ imported: 2, rejected: 0 });
    const rows: Array<{ externalId: string; name: string }> = await ds.query(
      "SELECT t.externalId, s.name FROM tickets t JOIN sources s ON s.id = t.sourceId WHERE t.externalId IN ('QD-1', 'QD-2') ORDER BY t.externalId",
    );
    expect(rows.map((r) => [r.externalId, r.name])).toEqual([
      ['QD-1', '区长公开电话'],
      ['QD-2', '东湖区分中心'],
    ]);
  });

  it('an import whose worker was killed is not left running for ever once the file is imported again', async () => {
    const file = exportFile(dir, 'killed.csv', 9001, 9010);
    const first = await importHotlineFile(ds, config, null, file, 'standard');
    // The same file's earlier run, cut off by kill -9 before it could finish.
    const imports = ds.getRepository(ImportFileEntity);
    const done = await imports.findOneByOrFail({ id: first.importFileId });
    const killed = await imports.save(imports.create({ ...done, id: undefined, status: 'running', finishedAt: null, imported: 0, rows: 0 }));
    const again = await importHotlineFile(ds, config, null, file, 'standard', { originalName: 'killed.csv' });
    expect(again).toMatchObject({ imported: 0, duplicates: 10 });
    const rows = await imports.findBy({ sha256: done.sha256 });
    expect(rows.filter((r) => r.status === 'running')).toEqual([]);
    expect(await imports.findOneByOrFail({ id: killed.id })).toMatchObject({
      status: 'interrupted',
      error: expect.stringContaining(`第 ${again.importFileId} 次导入`),
    });
  });

  it('two imports of the same export at once still give each row exactly one ticket', async () => {
    const file = exportFile(dir, 'race.csv', 5001, 7000);
    const [a, b] = await Promise.all([importHotlineFile(ds, config, null, file, 'standard'), importHotlineFile(ds, config, null, file, 'standard')]);
    expect(a.imported + b.imported).toBe(2000);
    expect(a.duplicates + b.duplicates).toBe(2000);
    const [{ n, d }] = await ds.query("SELECT COUNT(*) AS n, COUNT(DISTINCT externalId) AS d FROM tickets WHERE externalId BETWEEN 'GD005001' AND 'GD007000'");
    expect([Number(n), Number(d)]).toEqual([2000, 2000]);
    const [{ events }] = await ds.query(
      "SELECT COUNT(*) AS events FROM ticket_events e JOIN tickets t ON t.id = e.ticketId WHERE t.externalId BETWEEN 'GD005001' AND 'GD007000'",
    );
    expect(Number(events)).toBe(2000);
  });
});
