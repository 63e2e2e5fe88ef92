import type { EntityManager } from 'typeorm';
import { ImportFileEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

export interface NewImportFile {
  kind: 'hotline' | 'history';
  sourceName: string;
  fileName: string;
  archivePath: string;
  sha256: string;
}

export type ImportFileOutcome = Partial<
  Pick<ImportFileEntity, 'status' | 'rows' | 'imported' | 'duplicates' | 'rejected' | 'rejectsPath' | 'error' | 'finishedAt'>
>;

/** Export and history files being (or having been) imported, with their counts. */
export interface ImportFileRepository {
  /** Records a file whose import starts now (status running); its id. */
  start(file: NewImportFile): Promise<number>;
  finish(id: number, outcome: ImportFileOutcome): Promise<void>;
  /** A running import wrote a batch: its counts so far, and the time (what /health's stalled check reads). */
  progress(id: number, p: { rows: number; imported: number; duplicates: number; rejected: number; at: Date }): Promise<void>;
  /** Imports still `running` with no progress (or start) since `before`, oldest first: cut off, or stuck. */
  listStalled(before: Date, limit: number): Promise<ImportFileEntity[]>;
  /** Earlier runs of the same file (sha256) from the same source still marked running: they were cut off, and this later run is their outcome. */
  markInterrupted(f: { sha256: string; sourceName: string; beforeId: number; error: string; at: Date }): Promise<void>;
}

export class TypeOrmImportFileRepository implements ImportFileRepository {
  constructor(private readonly m: EntityManager) {}

  async start(file: NewImportFile): Promise<number> {
    const repo = this.m.getRepository(ImportFileEntity);
    return (await repo.save(repo.create({ ...file, status: 'running' }))).id;
  }

  async finish(id: number, outcome: ImportFileOutcome): Promise<void> {
    await this.m.getRepository(ImportFileEntity).update(id, outcome);
  }

  async progress(id: number, p: { rows: number; imported: number; duplicates: number; rejected: number; at: Date }): Promise<void> {
    const { at, ...counts } = p;
    await this.m.getRepository(ImportFileEntity).update({ id, status: 'running' }, { ...counts, progressAt: at });
  }

  listStalled(before: Date, limit: number): Promise<ImportFileEntity[]> {
    return this.m
      .getRepository(ImportFileEntity)
      .createQueryBuilder('f')
      .where('f.status = :running', { running: 'running' })
      .andWhere('((f.progressAt IS NULL AND f.createdAt < :before) OR f.progressAt < :before)', { before })
      .orderBy('f.id', 'ASC')
      .take(limit)
      .getMany();
  }

  async markInterrupted(f: { sha256: string; sourceName: string; beforeId: number; error: string; at: Date }): Promise<void> {
    await this.m
      .getRepository(ImportFileEntity)
      .createQueryBuilder()
      .update(ImportFileEntity)
      .set({ status: 'interrupted', error: f.error, finishedAt: f.at })
      .where('status = :running AND sha256 = :sha AND sourceName = :source AND id < :id', {
        running: 'running',
        sha: f.sha256,
        source: f.sourceName,
        id: f.beforeId,
      })
      .execute();
  }
}

export const IMPORT_FILES = repositoryToken<ImportFileRepository>('import-files', (m) => new TypeOrmImportFileRepository(m));
