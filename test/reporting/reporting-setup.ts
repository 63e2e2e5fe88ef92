import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { HubConfig, loadConfig } from '@hub/config';
import { openDatabase, syncDirectory, TypeOrmUnitOfWork, UnitOfWork } from '@hub/database';
import { RecordingJobProducer } from '@hub/queue';
import { historyJsonl } from './history-fixture';

export interface ReportingDb {
  ds: DataSource;
  /** What the reporting functions read and write through. */
  uow: UnitOfWork;
  config: HubConfig;
  dir: string;
  historyFile: string;
  good: number;
  badLineNumbers: number[];
}

export async function openReportingDb(url: string): Promise<ReportingDb> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-reporting-'));
  const config = loadConfig({ ...process.env, DATABASE_URL: url, HUB_DATA_DIR: dir, LOG_LEVEL: 'warn' });
  const ds = await openDatabase(config.env.database, { migrate: true });
  await syncDirectory(ds, config);
  const { text, good, badLineNumbers } = historyJsonl();
  const historyFile = join(dir, 'history.jsonl');
  writeFileSync(historyFile, text, 'utf8');
  return { ds, uow: new TypeOrmUnitOfWork(ds, new RecordingJobProducer()), config, dir, historyFile, good, badLineNumbers };
}
