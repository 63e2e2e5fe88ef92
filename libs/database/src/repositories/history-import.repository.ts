import type { Channel } from '@hub/domain';
import { EntityManager, In } from 'typeorm';
import type { HubConfig } from '@hub/config';
import { ensureSource, syncDirectory } from '../directory-sync';
import {
  AssignmentEntity,
  DeadlineEntity,
  ImportFileEntity,
  SourceEntity,
  TicketEntity,
  TicketEventEntity,
  TrainingExampleEntity,
  UnitEntity,
} from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

export type HistoryTicketRow = Partial<TicketEntity>;
export type HistoryAssignmentRow = Partial<AssignmentEntity>;
export type HistoryDeadlineRow = Partial<DeadlineEntity>;
export type HistoryEventRow = Partial<TicketEventEntity>;
export type HistoryExampleRow = Partial<TrainingExampleEntity>;

export interface HistoryImportResult {
  rows: number;
  imported: number;
  duplicates: number;
  rejected: number;
  rejectsPath: string | null;
}

/**
 * What `hub import history` writes: the import's record, the directory rows a past file names,
 * and past tickets with their timeline, assignments, deadlines and training examples, in bulk
 * (multi-row inserts of at most 500 rows).
 */
export interface HistoryImportRepository {
  /** Records a running import of a file already kept in the archive; its id. */
  startImport(file: { fileName: string; archivePath: string; sha256: string }): Promise<number>;
  finishImport(id: number, result: HistoryImportResult, at: Date): Promise<void>;
  failImport(id: number, error: string, at: Date): Promise<void>;
  /** Mirrors the configuration's directory (units.yaml…) into the database. */
  syncDirectory(config: HubConfig): Promise<void>;
  sources(): Promise<Array<{ id: number; name: string; channel: Channel }>>;
  units(): Promise<Array<{ id: number; name: string }>>;
  /** The source of that name, created on first sight. */
  ensureSource(name: string, channel: Channel): Promise<{ id: number; channel: Channel }>;
  /** The unit of that name, created inactive when the hub does not know it (a unit since dissolved). */
  ensureRetiredUnit(name: string): Promise<number>;
  /** Tickets among these external ids and sources (a superset of the pairs asked for: match by both). */
  ticketsByExternalId(externalIds: string[], sourceIds: number[]): Promise<Array<{ id: number; sourceId: number; externalId: string }>>;
  /** Inserts the tickets; one whose (source, external id) is already there is skipped. */
  insertTickets(rows: HistoryTicketRow[]): Promise<void>;
  insertEvents(rows: HistoryEventRow[]): Promise<void>;
  insertAssignments(rows: HistoryAssignmentRow[]): Promise<void>;
  /** Assignment id by ticket id, for these tickets. */
  assignmentIdsByTicket(ticketIds: number[]): Promise<Map<number, number>>;
  insertDeadlines(rows: HistoryDeadlineRow[]): Promise<void>;
  /** Inserts the examples; one already there for its ticket and origin is skipped. */
  insertTrainingExamples(rows: HistoryExampleRow[]): Promise<void>;
}

export class TypeOrmHistoryImportRepository implements HistoryImportRepository {
  constructor(private readonly m: EntityManager) {}

  async startImport(file: { fileName: string; archivePath: string; sha256: string }): Promise<number> {
    const imports = this.m.getRepository(ImportFileEntity);
    const record = await imports.save(imports.create({ kind: 'history', sourceName: 'history', ...file, status: 'running' }));
    return record.id;
  }

  async finishImport(id: number, r: HistoryImportResult, at: Date): Promise<void> {
    await this.m.getRepository(ImportFileEntity).update(id, {
      status: 'done',
      rows: r.rows,
      imported: r.imported,
      duplicates: r.duplicates,
      rejected: r.rejected,
      rejectsPath: r.rejectsPath,
      finishedAt: at,
    });
  }

  async failImport(id: number, error: string, at: Date): Promise<void> {
    await this.m.getRepository(ImportFileEntity).update(id, { status: 'failed', error, finishedAt: at });
  }

  async syncDirectory(config: HubConfig): Promise<void> {
    await syncDirectory(this.m.connection, config);
  }

  async sources(): Promise<Array<{ id: number; name: string; channel: Channel }>> {
    return (await this.m.getRepository(SourceEntity).find()).map((s) => ({ id: s.id, name: s.name, channel: s.channel }));
  }

  async units(): Promise<Array<{ id: number; name: string }>> {
    return (await this.m.getRepository(UnitEntity).find()).map((u) => ({ id: u.id, name: u.name }));
  }

  async ensureSource(name: string, channel: Channel): Promise<{ id: number; channel: Channel }> {
    const row = await ensureSource(this.m.connection, name, channel);
    return { id: row.id, channel: row.channel };
  }

  async ensureRetiredUnit(name: string): Promise<number> {
    const repo = this.m.getRepository(UnitEntity);
    const row = (await repo.findOneBy({ name })) ?? (await repo.save(repo.create({ name, kind: 'department', region: null, email: '', active: false })));
    return row.id;
  }

  async ticketsByExternalId(externalIds: string[], sourceIds: number[]): Promise<Array<{ id: number; sourceId: number; externalId: string }>> {
    const rows = await this.m.getRepository(TicketEntity).find({
      select: ['id', 'sourceId', 'externalId'],
      where: { externalId: In(externalIds), sourceId: In(sourceIds) },
    });
    return rows.map((r) => ({ id: r.id, sourceId: r.sourceId, externalId: r.externalId as string }));
  }

  async insertTickets(rows: HistoryTicketRow[]): Promise<void> {
    await this.m
      .createQueryBuilder()
      .insert()
      .into(TicketEntity)
      .values(rows as never)
      .orIgnore()
      .updateEntity(false)
      .execute();
    // No lookup rows here: the import queues 'ticket-search-index' after each batch's commit.
  }

  private async insertInChunks(entity: unknown, values: unknown[]): Promise<void> {
    for (let i = 0; i < values.length; i += 500) {
      await this.m
        .createQueryBuilder()
        .insert()
        .into(entity as never)
        .values(values.slice(i, i + 500) as never)
        .updateEntity(false)
        .execute();
    }
  }

  insertEvents(rows: HistoryEventRow[]): Promise<void> {
    return this.insertInChunks(TicketEventEntity, rows);
  }

  insertAssignments(rows: HistoryAssignmentRow[]): Promise<void> {
    return this.insertInChunks(AssignmentEntity, rows);
  }

  async assignmentIdsByTicket(ticketIds: number[]): Promise<Map<number, number>> {
    const asg = await this.m.getRepository(AssignmentEntity).find({ select: ['id', 'ticketId'], where: { ticketId: In(ticketIds) } });
    return new Map(asg.map((a) => [a.ticketId, a.id]));
  }

  insertDeadlines(rows: HistoryDeadlineRow[]): Promise<void> {
    return this.insertInChunks(DeadlineEntity, rows);
  }

  async insertTrainingExamples(rows: HistoryExampleRow[]): Promise<void> {
    if (rows.length)
      await this.m
        .createQueryBuilder()
        .insert()
        .into(TrainingExampleEntity)
        .values(rows as never)
        .orIgnore()
        .updateEntity(false)
        .execute();
  }
}

export const HISTORY_IMPORT = repositoryToken<HistoryImportRepository>('history-import', (m) => new TypeOrmHistoryImportRepository(m));
