import { IsNull, type EntityManager } from 'typeorm';
import { SurveyLinkEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

export type SurveyLink = SurveyLinkEntity;
export type NewSurveyLink = Pick<SurveyLinkEntity, 'ticketId' | 'tokenHash' | 'expiresAt'>;
export interface SurveyLinkAnswer {
  contacted: '是' | '否';
  resolved: '是' | '否';
  rating: string;
  comment: string | null;
  at: Date;
}

/** 回访 links sent to requesters (`/q/s/<token>`), found by the token's hash. */
export interface SurveyLinkRepository {
  add(link: NewSurveyLink): Promise<number>;
  findByTokenHash(tokenHash: string): Promise<SurveyLink | null>;
  /** Records the answer if the link has none yet; false when it had one (a second tab, a double click). */
  answerIfOpen(id: number, answer: SurveyLinkAnswer): Promise<boolean>;
}

export class TypeOrmSurveyLinkRepository implements SurveyLinkRepository {
  constructor(private readonly m: EntityManager) {}

  private get repo() {
    return this.m.getRepository(SurveyLinkEntity);
  }

  async add(link: NewSurveyLink): Promise<number> {
    const r = await this.repo.insert(<never>{ ...link, answeredAt: null, contacted: null, resolved: null, rating: null, comment: null });
    return Number(r.identifiers[0]?.id ?? r.raw?.insertId);
  }

  findByTokenHash(tokenHash: string): Promise<SurveyLink | null> {
    return this.repo.findOneBy({ tokenHash });
  }

  async answerIfOpen(id: number, a: SurveyLinkAnswer): Promise<boolean> {
    const r = await this.repo.update(
      { id, answeredAt: IsNull() },
      { answeredAt: a.at, contacted: a.contacted, resolved: a.resolved, rating: a.rating, comment: a.comment },
    );
    return (r.affected ?? 0) > 0;
  }
}

export const SURVEY_LINKS = repositoryToken<SurveyLinkRepository>('survey-links', (m) => new TypeOrmSurveyLinkRepository(m));
