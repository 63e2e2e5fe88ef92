import { spawn } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { ExportSourceConfig, HubConfig, loadConfig } from '@hub/config';
import { ImportFileEntity, openDatabase, syncDirectory, TypeOrmUnitOfWork } from '@hub/database';
import { pendingUploads, RequeueWaitingUploadsUseCase, saveUpload } from '@hub/intake';
import { RecordingJobProducer } from '@hub/queue';
import { createMysqlDatabase } from '@hub/testing';
import { intakeUseCases } from '../../libs/intake/src/intake-use-cases';

const REGISTER = join(__dirname, '../support/swc-register.js');
const CHILD = join(__dirname, 'child/import-upload.ts');
const HEADER = '工单编号,来电时间,来电号码,来电人,热线,诉求内容,地址,紧急程度';

function csv(rows: number, prefix: string): Buffer {
  const lines = [HEADER];
  for (let i = 1; i <= rows; i++) {
    lines.push(
      `${prefix}${i},2025-03-03 09:10,139${String(i).padStart(8, '0')},刘先生,市长公开电话,来电反映西岭区岭南佳苑${i}号楼北门外垃圾桶三天没人清运,西岭区岭南佳苑,一般`,
    );
  }
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

/**
 * A source whose name the database refuses (longer than import_files.sourceName): every import of
 * its files fails with the database's error, the way a real defect fails the same file every time.
 */
const BROKEN = `坏来源${'x'.repeat(110)}`;

describe('an export file whose import keeps failing is set aside with its reason, never retried in a loop (#14)', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  let config: HubConfig;
  let intake: ReturnType<typeof intakeUseCases>;

  beforeAll(async () => {
    const db = await createMysqlDatabase('hubstrikes');
    drop = db.drop;
    config = loadConfig({ ...process.env, DATABASE_URL: db.url, HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-strikes-')) });
    const watch = join(config.env.dataDir, 'watch');
    mkdirSync(watch);
    config.sources.sources.push(Object.assign(new ExportSourceConfig(), { ...config.sources.sources[0], name: BROKEN, watch }));
    ds = await openDatabase(config.env.database, { migrate: true });
    await syncDirectory(ds, config);
    intake = intakeUseCases(new TypeOrmUnitOfWork(ds, new RecordingJobProducer()), config);
  }, 60_000);

  afterAll(async () => {
    await ds?.destroy();
    await drop?.();
  });

  it('an upload that fails twice goes to uploads/rejected with the error, and the upload sweep stops queueing it', async () => {
    const upload = saveUpload(config.env.dataDir, '3月3日话务导出.csv', BROKEN, csv(3, 'BR'));
    await expect(intake.importUploadedExport.execute(upload)).rejects.toThrow(/too long|Data too long/i);
    // Failed once: still waiting, and queued again by the sweep.
    expect((await pendingUploads(config.env.dataDir, 0)).map((u) => u.uploadPath)).toEqual([upload.uploadPath]);

    const second = await intake.importUploadedExport.execute(upload);
    expect(second).toMatchObject({
      outcome: 'quarantined',
      reason: expect.stringMatching(/^导入已失败 2 次，文件已隔离，不再自动重试。最后一次的错误：.*too long/i),
    });
    const rejected = join(config.env.dataDir, 'uploads', 'rejected', upload.uploadPath.replace(/^.*[\\/]/, ''));
    expect(existsSync(rejected)).toBe(true);
    expect(readFileSync(`${rejected}.reason.txt`, 'utf8')).toBe(`${(second as { reason: string }).reason}\n`);
    expect(existsSync(upload.uploadPath)).toBe(false);

    const jobs = new RecordingJobProducer();
    for (const f of readdirSync(join(config.env.dataDir, 'uploads'))) utimesSync(join(config.env.dataDir, 'uploads', f), new Date(0), new Date(0));
    expect(await new RequeueWaitingUploadsUseCase(config, jobs).execute()).toEqual({ requeued: 0 });
    expect(await intake.importUploadedExport.execute(upload)).toEqual({ outcome: 'gone' });
  });

  it('a file in a watched folder that fails twice is moved to rejected/ with the error; later scans leave it alone', async () => {
    const watch = config.sources.sources.find((s) => s.name === BROKEN)!.watch!;
    const file = join(watch, '话务导出.csv');
    writeFileSync(file, csv(2, 'WF'));
    utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect(await intake.scanExportFolder.execute({ source: BROKEN })).toEqual({ files: 1, imported: 0, setAside: 0, failed: 1 });
    expect(await intake.scanExportFolder.execute({ source: BROKEN })).toEqual({ files: 1, imported: 0, setAside: 1, failed: 0 });
    expect(readFileSync(join(watch, 'rejected', '话务导出.csv.reason.txt'), 'utf8')).toMatch(
      /^导入已失败 2 次，文件已隔离，不再自动重试。最后一次的错误：.*too long/i,
    );
    expect(await intake.scanExportFolder.execute({ source: BROKEN })).toEqual({ files: 0, imported: 0, setAside: 0, failed: 0 });
    expect(readdirSync(watch).sort()).toEqual(['rejected']); // no attempt note left behind
  });

  it('an upload whose worker dies during the import twice is set aside at the next pick-up, its cut-off runs closed with the reason', async () => {
    const upload = saveUpload(config.env.dataDir, '大文件.csv', 'standard', csv(40_000, 'BIG'));
    for (let run = 1; run <= 2; run++) {
      const child = spawn(process.execPath, ['-r', REGISTER, CHILD], {
        env: { ...process.env, HUB_CHILD_IMPORT: JSON.stringify({ databaseUrl: config.env.database.url, dataDir: config.env.dataDir, ...upload }) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      const exit = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(String(signal ?? code))));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (/^progress /m.test(out)) resolve();
        });
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        void exit.then(() => reject(new Error(`the import ended before its first batch:\n${out}`)));
      });
      child.kill('SIGKILL');
      expect(await exit).toBe('SIGKILL');
    }
    const cutOff = await ds.getRepository(ImportFileEntity).findBy({ fileName: '大文件.csv' });
    expect(cutOff.map((f) => f.status)).toEqual(['running', 'running']);

    const third = await intake.importUploadedExport.execute(upload);
    const reason = '导入已开始 2 次均未完成（处理进程在导入途中退出，可能是文件过大或内存不足），文件已隔离，不再自动重试';
    expect(third).toEqual({ outcome: 'quarantined', reason });
    expect(readFileSync(join(config.env.dataDir, 'uploads', 'rejected', `${upload.uploadPath.replace(/^.*[\\/]/, '')}.reason.txt`), 'utf8')).toBe(
      `${reason}\n`,
    );
    const closed = await ds.getRepository(ImportFileEntity).findBy({ fileName: '大文件.csv' });
    expect(closed.map((f) => [f.status, f.error])).toEqual([
      ['interrupted', reason],
      ['interrupted', reason],
    ]);
    expect(await pendingUploads(config.env.dataDir, 0)).toEqual([]);
  }, 180_000);
});
