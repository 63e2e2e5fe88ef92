import { Global, Logger, Module } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { readdirSync, utimesSync } from 'fs';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { HUB_CONFIG } from '@hub/config';
import { openDatabase } from '@hub/database';
import { CLOCK, systemClock } from '@hub/domain';
import { IntakeModule } from '@hub/intake';
import { createRedis, JOB_PRODUCER, JobPayloads, RecordingJobProducer } from '@hub/queue';
import { ApiHarness, startApi, TEST_REDIS_URL } from '@hub/testing';
import { ExportImportJob } from '../../apps/worker/src/jobs/export-import.job';
import { UploadSweepJob } from '../../apps/worker/src/jobs/upload-sweep.job';

const CSV = [
  '工单编号,来电时间,来电号码,来电人,热线,诉求内容,地址,紧急程度',
  'FL-0001,2025-03-03 09:10,13900001111,刘先生,市长公开电话,来电反映西岭区岭南佳苑北门外垃圾桶三天没人清运,西岭区岭南佳苑,一般',
  'FL-0002,2025-03-03 09:25,13900002222,周女士,区长公开电话,来电反映东湖区桃园小区夜间施工噪音扰民,东湖区桃园小区,一般',
].join('\r\n');

describe('an uploaded export whose import job Redis lost', () => {
  let api: ApiHarness;
  let ds: DataSource;
  let worker: TestingModule;
  const jobs = new RecordingJobProducer();

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    api = await startApi();
    ds = await openDatabase(api.config.env.database);
    @Global()
    @Module({
      providers: [
        { provide: DataSource, useValue: ds },
        { provide: HUB_CONFIG, useValue: api.config },
        { provide: JOB_PRODUCER, useValue: jobs },
        { provide: CLOCK, useValue: systemClock },
      ],
      exports: [DataSource, HUB_CONFIG, JOB_PRODUCER, CLOCK],
    })
    class Infra {}
    worker = await Test.createTestingModule({ imports: [Infra, IntakeModule], providers: [ExportImportJob, UploadSweepJob] }).compile();
    await worker.init();
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await ds?.destroy();
    await api?.close();
  });

  /** FLUSHDB for this hub's keys only. */
  async function flushRedis(): Promise<void> {
    const r = createRedis(TEST_REDIS_URL, 'upload-flush');
    const keys = await r.keys(`${api.config.env.queuePrefix}*`);
    if (keys.length) await r.del(...keys);
    r.disconnect();
  }

  it('is imported by the worker once, not left in the uploads folder', async () => {
    const token = await api.login('admin');
    const res = await api
      .http()
      .post('/api/admin/imports')
      .set('Authorization', `Bearer ${token}`)
      .field('source', 'standard')
      .attach('file', Buffer.from(CSV, 'utf8'), '3月3日话务导出.csv');
    expect(res.status).toBe(202);
    await flushRedis();

    // A minute later the worker's upload sweep finds it waiting.
    const uploads = join(api.config.env.dataDir, 'uploads');
    const minuteAgo = new Date(Date.now() - 61_000);
    for (const name of readdirSync(uploads, { withFileTypes: true })) if (name.isFile()) utimesSync(join(uploads, name.name), minuteAgo, minuteAgo);
    const ctx = { attempt: 1, progress: async () => undefined };
    await worker.get(UploadSweepJob).handle();
    const queued = jobs.jobs.filter((j) => j.name === 'export-import');
    expect(queued.map((j) => (j.payload as JobPayloads['export-import']).originalName)).toEqual(['3月3日话务导出.csv']);
    for (const job of queued) await worker.get(ExportImportJob).handle(job.payload as JobPayloads['export-import'], ctx);

    const list = await api.http().get('/api/tickets').set('Authorization', `Bearer ${token}`);
    expect(list.body.items.map((t: { summary: string }) => t.summary).sort()).toEqual([
      '来电反映东湖区桃园小区夜间施工噪音扰民',
      '来电反映西岭区岭南佳苑北门外垃圾桶三天没人清运',
    ]);
    const imports = await api.http().get('/api/admin/imports').set('Authorization', `Bearer ${token}`);
    expect(imports.body.imports.map((i: { fileName: string; status: string }) => [i.fileName, i.status])).toEqual([['3月3日话务导出.csv', 'done']]);

    // Imported: the next sweep has nothing to queue.
    jobs.jobs.length = 0;
    await worker.get(UploadSweepJob).handle();
    expect(jobs.jobs).toEqual([]);
  });
});
