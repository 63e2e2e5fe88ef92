import type { NewSurveyLink, SurveyLink, SurveyLinkAnswer, SurveyLinkRepository } from '../repositories/survey-link.repository';
import { InMemoryTable, type Snapshottable } from './in-memory-table';

export class InMemorySurveyLinkRepository implements SurveyLinkRepository, Snapshottable {
  readonly table = new InMemoryTable<SurveyLink>();

  async add(link: NewSurveyLink): Promise<number> {
    return this.table.insert({ ...link, answeredAt: null, contacted: null, resolved: null, rating: null, comment: null, createdAt: new Date() }).id;
  }
  async findByTokenHash(tokenHash: string): Promise<SurveyLink | null> {
    return this.table.where((l) => l.tokenHash === tokenHash)[0] ?? null;
  }
  async answerIfOpen(id: number, a: SurveyLinkAnswer): Promise<boolean> {
    const link = this.table.get(id);
    if (!link || link.answeredAt) return false;
    this.table.update(id, { answeredAt: a.at, contacted: a.contacted, resolved: a.resolved, rating: a.rating, comment: a.comment });
    return true;
  }
  snapshot(): () => void {
    return this.table.snapshot();
  }
}
