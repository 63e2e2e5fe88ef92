import { Injectable } from '@nestjs/common';
import { KNOWLEDGE, KnowledgeEntryEntity, UnitOfWork, UNITS } from '@hub/database';
import { CLOCK, Clock, endOfBound, isNearExpiry, isOffered, KNOWLEDGE_STATUS_LABELS, KnowledgeStatus, parseBusinessTime } from '@hub/domain';
import { Inject } from '@nestjs/common';
import { KnowledgeEditor, KnowledgeSearch, MAX_KNOWLEDGE_ROWS, meaningWords, SaveKnowledgeEntryCommand } from '@hub/knowledge';
import type { SessionUser } from '../auth/auth.decorators';
import { TicketQueryParamError } from '../tickets/ticket-list-query';
import { TicketQueryService } from '../tickets/ticket-query.service';
import type { KnowledgeEntryDto } from './knowledge.dto';

/** Reads of the knowledge base for the console, and the editor's form turned into a command. */
@Injectable()
export class KnowledgeQueryService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly search: KnowledgeSearch,
    private readonly tickets: TicketQueryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async unitNames(): Promise<(id: number | null) => string | null> {
    const units = await this.uow.read(UNITS).listAll();
    return (id) => units.find((u) => u.id === id)?.name ?? null;
  }

  async hits(q: string | undefined, category: string | undefined) {
    const name = await this.unitNames();
    if (q?.trim()) {
      const found = await this.search.search(q, { category });
      return { items: found.map((h) => ({ ...this.hit(h.entry, name), score: Math.round(h.score * 1000) / 1000 })) };
    }
    // No question: the published entries of the category, most used first.
    const now = this.clock.now();
    const { items } = await this.uow.read(KNOWLEDGE).list({ unitIds: null, status: 'published', category }, 200, 0);
    return {
      items: items
        .filter((e) => isOffered(e, now))
        .sort((a, b) => b.answerCount - a.answerCount || a.id - b.id)
        .slice(0, 50)
        .map((e) => ({ ...this.hit(e, name), score: 0 })),
    };
  }

  /** Suggestions for a ticket: its subject and text as the question. */
  async forTicket(user: SessionUser, id: number) {
    const t = await this.tickets.visible(user, id);
    const name = await this.unitNames();
    const found = await this.search.search(`${t.subject ?? ''} ${t.text}`.slice(0, 2000), { limit: 5 });
    return { items: found.map((h) => ({ ...this.hit(h.entry, name), score: Math.round(h.score * 1000) / 1000 })) };
  }

  private hit(e: KnowledgeEntryEntity, name: (id: number | null) => string | null) {
    return { id: e.id, title: e.title, answer: e.answer, category: e.category, unit: name(e.unitId), validTo: e.validTo };
  }

  /** The editor's list: a unit sees its own units' entries, others every entry; any status. */
  async list(user: SessionUser, q: { status?: string; category?: string; q?: string; page?: number }) {
    const name = await this.unitNames();
    const page = Math.max(1, q.page ?? 1);
    const { items, total } = await this.uow
      .read(KNOWLEDGE)
      .list(
        { unitIds: user.role === 'unit' ? user.unitIds : null, status: q.status, category: q.category, words: q.q ? meaningWords(q.q) : undefined },
        50,
        (page - 1) * 50,
      );
    return { total, items: items.map((e) => this.entry(e, name)) };
  }

  /** Every entry the user keeps (a unit: its own units'), for the workbook. */
  async sheetEntries(user: SessionUser) {
    const name = await this.unitNames();
    const { items } = await this.uow.read(KNOWLEDGE).list({ unitIds: user.role === 'unit' ? user.unitIds : null }, MAX_KNOWLEDGE_ROWS, 0);
    return items.sort((a, b) => a.id - b.id).map((e) => ({ ...e, questions: e.questions ?? [], unit: name(e.unitId) }));
  }

  async detail(user: SessionUser, id: number) {
    const e = await this.uow.read(KNOWLEDGE).findById(id);
    if (!e || (user.role === 'unit' && !user.unitIds.includes(e.unitId ?? -1))) return null;
    const versions = await this.uow.read(KNOWLEDGE).versions(id);
    return {
      ...this.entry(e, await this.unitNames()),
      versions: versions.map((v) => ({ version: v.version, actor: v.actorName, at: v.at, snapshot: v.snapshot })),
    };
  }

  entry(e: KnowledgeEntryEntity, name: (id: number | null) => string | null) {
    return {
      id: e.id,
      title: e.title,
      questions: e.questions ?? [],
      answer: e.answer,
      category: e.category,
      unit: name(e.unitId),
      validFrom: e.validFrom,
      validTo: e.validTo,
      status: e.status,
      statusLabel: KNOWLEDGE_STATUS_LABELS[e.status as KnowledgeStatus] ?? e.status,
      sourceUrl: e.sourceUrl,
      version: e.version,
      answerCount: e.answerCount,
      flag: isNearExpiry(e, this.clock.now()) ? '即将到期' : null,
      updatedBy: e.updatedBy,
      updatedAt: e.updatedAt,
    };
  }

  async command(user: SessionUser, b: KnowledgeEntryDto, id?: number): Promise<SaveKnowledgeEntryCommand> {
    let unitId: number | null | undefined;
    if (b.unit !== undefined && b.unit !== null && b.unit !== '') {
      const units = await this.uow.read(UNITS).listAll();
      const u = units.find((x) => x.id === Number(b.unit) || x.name === String(b.unit));
      if (!u) throw new TicketQueryParamError('unit', `没有名为 ${b.unit} 的单位`, `unit ${b.unit} is not known`, '字段');
      unitId = u.id;
    }
    const date = (k: 'validFrom' | 'validTo') => {
      const v = b[k];
      if (v === undefined) return undefined;
      if (v === null || v === '') return null;
      const t = parseBusinessTime(v);
      if (!t) throw new TicketQueryParamError(k, '须为日期 YYYY-MM-DD 或 ISO 8601 时间', `${k} must be a date or ISO 8601 time`);
      // A date-only end of validity covers that whole Beijing day.
      return k === 'validTo' && t.dateOnly ? endOfBound(t) : t.at;
    };
    const editor: KnowledgeEditor = { name: user.displayName, role: user.role, unitIds: user.unitIds };
    return {
      id,
      version: b.version,
      title: b.title,
      questions: b.questions,
      answer: b.answer,
      category: b.category,
      unitId,
      validFrom: date('validFrom'),
      validTo: date('validTo'),
      status: b.status,
      sourceUrl: b.sourceUrl,
      editor,
    };
  }
}
