/**
 * One uploaded export imported in a process of its own, for the kill test. Settings come in
 * HUB_CHILD_IMPORT (JSON: database URL, data dir, the upload); each batch written is reported on
 * stdout as `progress <rows>`.
 */
import { loadConfig } from '@hub/config';
import { openDatabase, TypeOrmUnitOfWork } from '@hub/database';
import { RecordingJobProducer } from '@hub/queue';
import { intakeUseCases } from '../../../libs/intake/src/intake-use-cases';

async function main(): Promise<void> {
  const s = JSON.parse(process.env.HUB_CHILD_IMPORT ?? '{}') as {
    databaseUrl: string;
    dataDir: string;
    uploadPath: string;
    source: string;
    originalName: string;
  };
  const config = loadConfig({ ...process.env, DATABASE_URL: s.databaseUrl, HUB_DATA_DIR: s.dataDir });
  const ds = await openDatabase(config.env.database, { migrate: false });
  const intake = intakeUseCases(new TypeOrmUnitOfWork(ds, new RecordingJobProducer()), config);
  const r = await intake.importUploadedExport.execute({
    uploadPath: s.uploadPath,
    source: s.source,
    originalName: s.originalName,
    onProgress: (p) => void process.stdout.write(`progress ${p.imported}\n`),
  });
  process.stdout.write(`done ${JSON.stringify(r)}\n`);
  await ds.destroy();
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    process.stderr.write(`${e.stack ?? e.message}\n`);
    process.exit(1);
  },
);
