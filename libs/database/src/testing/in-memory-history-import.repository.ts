import type { Channel } from '@hub/domain';
import type {
  HistoryAssignmentRow,
  HistoryDeadlineRow,
  HistoryEventRow,
  HistoryExampleRow,
  HistoryImportRepository,
  HistoryImportResult,
  HistoryTicketRow,
} from '../repositories/history-import.repository';
import { InMemoryTable, Snapshottable } from './in-memory-table';

type Row<T> = T & { id: number };

/** What a history import wrote, table by table; `syncDirectory` adds the config's units. */
export class InMemoryHistoryImportRepository implements HistoryImportRepository, Snapshottable {
  readonly imports = new InMemoryTable<Row<{ fileName: string; status: string; result?: HistoryImportResult; error?: string }>>();
  readonly sourceRows = new InMemoryTable<{ id: number; name: string; channel: Channel }>();
  readonly unitRows = new InMemoryTable<{ id: number; name: string; active: boolean }>();
  readonly tickets = new InMemoryTable<Row<HistoryTicketRow>>();
  readonly events = new InMemoryTable<Row<HistoryEventRow>>();
  readonly assignments = new InMemoryTable<Row<HistoryAssignmentRow>>();
  readonly deadlines = new InMemoryTable<Row<HistoryDeadlineRow>>();
  readonly examples = new InMemoryTable<Row<HistoryExampleRow>>();

  async startImport(file: { fileName: string }): Promise<number> {
    return this.imports.insert({ fileName: file.fileName, status: 'running' }).id;
  }
  async finishImport(id: number, result: HistoryImportResult): Promise<void> {
    this.imports.update(id, { status: 'done', result });
  }
  async failImport(id: number, error: string): Promise<void> {
    this.imports.update(id, { status: 'failed', error });
  }
  async syncDirectory(config: { units: { units: Array<{ name: string }> } }): Promise<void> {
    for (const u of config.units.units) if (!this.unitRows.where((x) => x.name === u.name).length) this.unitRows.insert({ name: u.name, active: true });
  }
  async sources() {
    return this.sourceRows.all();
  }
  async units() {
    return this.unitRows.all();
  }
  async ensureSource(name: string, channel: Channel) {
    return this.sourceRows.where((s) => s.name === name)[0] ?? this.sourceRows.insert({ name, channel });
  }
  async ensureRetiredUnit(name: string): Promise<number> {
    return (this.unitRows.where((u) => u.name === name)[0] ?? this.unitRows.insert({ name, active: false })).id;
  }
  async ticketsByExternalId(externalIds: string[], sourceIds: number[]) {
    return this.tickets
      .where((t) => externalIds.includes(t.externalId as string) && sourceIds.includes(t.sourceId as number))
      .map((t) => ({ id: t.id, sourceId: t.sourceId as number, externalId: t.externalId as string }));
  }
  async insertTickets(rows: HistoryTicketRow[]): Promise<void> {
    for (const r of rows) if (!this.tickets.where((t) => t.sourceId === r.sourceId && t.externalId === r.externalId).length) this.tickets.insert({ ...r });
  }
  async insertEvents(rows: HistoryEventRow[]): Promise<void> {
    for (const r of rows) this.events.insert({ ...r });
  }
  async insertAssignments(rows: HistoryAssignmentRow[]): Promise<void> {
    for (const r of rows) this.assignments.insert({ ...r });
  }
  async assignmentIdsByTicket(ticketIds: number[]): Promise<Map<number, number>> {
    return new Map(this.assignments.where((a) => ticketIds.includes(a.ticketId as number)).map((a) => [a.ticketId as number, a.id]));
  }
  async insertDeadlines(rows: HistoryDeadlineRow[]): Promise<void> {
    for (const r of rows) this.deadlines.insert({ ...r });
  }
  async insertTrainingExamples(rows: HistoryExampleRow[]): Promise<void> {
    for (const r of rows) if (!this.examples.where((e) => e.ticketId === r.ticketId && e.origin === r.origin).length) this.examples.insert({ ...r });
  }
  snapshot(): () => void {
    const restores = [this.tickets, this.events, this.assignments, this.deadlines, this.examples].map((t) => t.snapshot());
    return () => restores.forEach((r) => r());
  }
}
