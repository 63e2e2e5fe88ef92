import type { ImportFileEntity } from '../entities';
import type { ImportFileOutcome, ImportFileRepository, NewImportFile } from '../repositories/import-file.repository';
import { InMemoryTable } from './in-memory-table';

export class InMemoryImportFileRepository implements ImportFileRepository {
  readonly table = new InMemoryTable<ImportFileEntity>();

  async start(file: NewImportFile): Promise<number> {
    return this.table.insert({
      ...file,
      status: 'running',
      rows: 0,
      imported: 0,
      duplicates: 0,
      rejected: 0,
      rejectsPath: null,
      error: null,
      finishedAt: null,
      progressAt: null,
      createdAt: new Date(),
    }).id;
  }

  async finish(id: number, outcome: ImportFileOutcome): Promise<void> {
    this.table.update(id, outcome);
  }

  async progress(id: number, p: { rows: number; imported: number; duplicates: number; rejected: number; at: Date }): Promise<void> {
    const { at, ...counts } = p;
    if (this.table.get(id)?.status === 'running') this.table.update(id, { ...counts, progressAt: at });
  }

  async listStalled(before: Date, limit: number): Promise<ImportFileEntity[]> {
    return this.table
      .where((f) => f.status === 'running' && (f.progressAt ?? f.createdAt).getTime() < before.getTime())
      .sort((a, b) => a.id - b.id)
      .slice(0, limit);
  }

  async markInterrupted(f: { sha256: string; sourceName: string; beforeId: number; error: string; at: Date }): Promise<void> {
    for (const r of this.table.where((x) => x.status === 'running' && x.sha256 === f.sha256 && x.sourceName === f.sourceName && x.id < f.beforeId)) {
      this.table.update(r.id, { status: 'interrupted', error: f.error, finishedAt: f.at });
    }
  }
}
