import type { TicketScope } from '@hub/domain';
import type { EntityManager } from 'typeorm';
import { TicketEntity, TicketEventEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';
import { whereTicketInScope } from './ticket-scope.sql';

export interface DirectAnswersByCategory {
  category: string | null;
  /** Tickets answered directly in the period. */
  answered: number;
  /** Of those, answered from a knowledge entry. */
  cited: number;
}

export interface UncitedAnswer {
  id: number;
  receivedAt: Date;
  category: string | null;
  subject: string | null;
  text: string;
  repliedAt: Date;
}

/** The knowledge base's use at the desk: direct answers with and without an entry, answers per entry. */
export interface KnowledgeGapsRepository {
  /** Direct answers given in [from, to) by category, and how many cited an entry. */
  directAnswersByCategory(from: Date, to: Date, scope?: TicketScope | null): Promise<DirectAnswersByCategory[]>;
  /** The latest direct answers in [from, to) that cited no entry (the calls a new entry would serve). */
  uncitedAnswers(from: Date, to: Date, limit: number, scope?: TicketScope | null): Promise<UncitedAnswer[]>;
  /** Answers from each entry given in [from, to) (tickets answered directly then): entry id → count. */
  citationsByEntry(from: Date, to: Date, scope?: TicketScope | null): Promise<Map<number, number>>;
  // scope: a scoped desk's tickets only (ticketScopeCondition); null or absent: every ticket.
}

const CITED = 'knowledge_cited';

export class TypeOrmKnowledgeGapsRepository implements KnowledgeGapsRepository {
  constructor(private readonly m: EntityManager) {}

  private cited(alias: string, negate = false) {
    const sub = this.m
      .createQueryBuilder()
      .subQuery()
      .select('1')
      .from(TicketEventEntity, 'e')
      .where(`e.ticketId = ${alias}.id AND e.type = '${CITED}'`)
      .getQuery();
    return `${negate ? 'NOT ' : ''}EXISTS ${sub}`;
  }

  async directAnswersByCategory(from: Date, to: Date, scope: TicketScope | null = null) {
    const qb = this.m
      .createQueryBuilder(TicketEntity, 't')
      .select('t.category', 'category')
      .addSelect('COUNT(*)', 'answered')
      .addSelect(`SUM(CASE WHEN ${this.cited('t')} THEN 1 ELSE 0 END)`, 'cited')
      .where("t.disposition = 'direct_answer' AND t.repliedAt >= :from AND t.repliedAt < :to", { from, to });
    const rows: Array<{ category: string | null; answered: string | number; cited: string | number | null }> = await whereTicketInScope(qb, 't', scope)
      .groupBy('t.category')
      .getRawMany();
    return rows.map((r) => ({ category: r.category, answered: Number(r.answered), cited: Number(r.cited ?? 0) }));
  }

  uncitedAnswers(from: Date, to: Date, limit: number, scope: TicketScope | null = null): Promise<UncitedAnswer[]> {
    const qb = this.m
      .createQueryBuilder(TicketEntity, 't')
      .select(['t.id', 't.receivedAt', 't.category', 't.subject', 't.text', 't.repliedAt'])
      .where("t.disposition = 'direct_answer' AND t.repliedAt >= :from AND t.repliedAt < :to", { from, to });
    return whereTicketInScope(qb, 't', scope)
      .andWhere(this.cited('t', true))
      .orderBy('t.repliedAt', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .take(limit)
      .getMany() as Promise<Array<TicketEntity & UncitedAnswer>>;
  }

  async citationsByEntry(from: Date, to: Date, scope: TicketScope | null = null) {
    // The citation is written with the answer: read through the answered tickets (indexed by repliedAt), not every event.
    const qb = this.m
      .createQueryBuilder(TicketEventEntity, 'e')
      .select(['e.id', 'e.data'])
      .innerJoin(TicketEntity, 't', 't.id = e.ticketId')
      .where("t.disposition = 'direct_answer' AND t.repliedAt >= :from AND t.repliedAt < :to AND e.type = :type", { type: CITED, from, to });
    const events = await whereTicketInScope(qb, 't', scope).getMany();
    const counts = new Map<number, number>();
    for (const e of events) {
      const id = Number(e.data?.knowledgeId);
      if (Number.isInteger(id) && id > 0) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  }
}

export const KNOWLEDGE_GAPS = repositoryToken<KnowledgeGapsRepository>('knowledge-gaps', (m) => new TypeOrmKnowledgeGapsRepository(m));
