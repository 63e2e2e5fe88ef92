import { Inject, Injectable } from '@nestjs/common';
import { KNOWLEDGE, KnowledgeEntryEntity, UnitOfWork } from '@hub/database';
import { CLOCK, Clock, isOffered } from '@hub/domain';
import { meaningWords, rankKnowledge } from './knowledge-words';

/** How many entries the engine hands to the ranking: the ranking reads each, so a bounded number. */
const CANDIDATES = 60;

export interface KnowledgeHit {
  entry: KnowledgeEntryEntity;
  score: number;
}

/**
 * Finds entries for a question or a ticket's text: the database's full-text engine picks
 * candidates sharing words (after folding synonyms), the ranking reads their phrasings; only
 * published entries within their validity are offered.
 */
@Injectable()
export class KnowledgeSearch {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async search(q: string, opts: { category?: string; limit?: number } = {}): Promise<KnowledgeHit[]> {
    const words = meaningWords(q).slice(0, 200);
    if (!words.length) return [];
    const repo = this.uow.read(KNOWLEDGE);
    const found = await repo.candidates(words, CANDIDATES);
    const entries = await repo.findByIds(found.map((f) => f.id));
    const now = this.clock.now();
    const offered = entries.filter((e) => isOffered(e, now) && (!opts.category || e.category === opts.category || e.category?.startsWith(`${opts.category}/`)));
    return rankKnowledge(
      q,
      offered.map((e) => ({ entry: { ...e, questions: e.questions ?? [] }, engineScore: found.find((f) => f.id === e.id)?.score ?? 0 })),
    ).slice(0, opts.limit ?? 10);
  }
}
