import { type EntityManager, In } from 'typeorm';
import { CannedReplyEntity, KnowledgeEntryEntity, KnowledgeVersionEntity } from '../entities';
import { isMysqlFamily } from '../insert-rows';
import { repositoryToken } from '../unit-of-work/repository-token';

/** What an editor sets on an entry; `words` is its search document, made by the knowledge library. */
export interface KnowledgeEntryValues {
  title: string;
  questions: string[];
  answer: string;
  category: string | null;
  unitId: number | null;
  validFrom: Date | null;
  validTo: Date | null;
  status: string;
  sourceUrl: string | null;
  words: string;
  updatedBy: string | null;
}

export interface KnowledgeListFilter {
  /** Entries of these units only (a unit user); null: all. */
  unitIds: number[] | null;
  status?: string;
  category?: string;
  /** Matches in the search document (all of these words). */
  words?: string[];
}

/** The knowledge base's entries, their versions and the canned replies. */
export interface KnowledgeRepository {
  findById(id: number): Promise<KnowledgeEntryEntity | null>;
  findByIds(ids: number[]): Promise<KnowledgeEntryEntity[]>;
  insert(values: KnowledgeEntryValues): Promise<KnowledgeEntryEntity>;
  /** Saves the values as the next version if the entry is still at `version`; null when it moved meanwhile. */
  update(id: number, version: number, values: KnowledgeEntryValues): Promise<KnowledgeEntryEntity | null>;
  remove(id: number): Promise<void>;
  addVersion(v: Omit<KnowledgeVersionEntity, 'id'>): Promise<void>;
  versions(entryId: number): Promise<KnowledgeVersionEntity[]>;
  /** Entries whose words share any of these, with the engine's relevance (higher is better), best first. */
  candidates(words: string[], limit: number): Promise<Array<{ id: number; score: number }>>;
  list(filter: KnowledgeListFilter, take: number, skip: number): Promise<{ items: KnowledgeEntryEntity[]; total: number }>;
  /** Counts one more answer given from the entry. */
  countAnswer(id: number): Promise<void>;
  /** Published entries whose validity ends before `until` whose owner was not yet told. */
  expiringUnnoticed(now: Date, until: Date): Promise<KnowledgeEntryEntity[]>;
  markExpiryNoticed(id: number, at: Date): Promise<void>;
  /** Published entries whose validity has ended: set expired; how many. */
  expirePassed(now: Date): Promise<number>;
  cannedReplies(kind: string | null): Promise<CannedReplyEntity[]>;
  saveCannedReply(r: Omit<CannedReplyEntity, 'id' | 'updatedAt'> & { id?: number }): Promise<CannedReplyEntity>;
  removeCannedReply(id: number): Promise<boolean>;
}

export class TypeOrmKnowledgeRepository implements KnowledgeRepository {
  constructor(private readonly m: EntityManager) {}
  private get entries() {
    return this.m.getRepository(KnowledgeEntryEntity);
  }

  findById(id: number) {
    return this.entries.findOneBy({ id });
  }

  findByIds(ids: number[]) {
    return ids.length ? this.entries.findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  insert(values: KnowledgeEntryValues) {
    return this.entries.save(this.entries.create({ ...values, version: 1, answerCount: 0, expiryNoticeAt: null }));
  }

  async update(id: number, version: number, values: KnowledgeEntryValues) {
    const prior = await this.findById(id);
    // A new end of validity earns a new expiry notice.
    const expiryNoticeAt = prior && prior.validTo?.getTime() === values.validTo?.getTime() ? prior.expiryNoticeAt : null;
    const r = await this.entries.update({ id, version }, { ...values, version: version + 1, expiryNoticeAt });
    return r.affected ? this.findById(id) : null;
  }

  async remove(id: number) {
    await this.entries.delete({ id });
  }

  async addVersion(v: Omit<KnowledgeVersionEntity, 'id'>) {
    await this.m.getRepository(KnowledgeVersionEntity).insert(v);
  }

  versions(entryId: number) {
    return this.m.getRepository(KnowledgeVersionEntity).find({ where: { entryId }, order: { version: 'DESC' } });
  }

  async candidates(words: string[], limit: number) {
    if (!words.length) return [];
    let rows: Array<{ id: number | string; score: number | string }>;
    if (isMysqlFamily(this.m)) {
      const against = words.join(' ');
      rows = await this.m.query(
        `SELECT id, MATCH(words) AGAINST (?) AS score FROM knowledge_entries WHERE MATCH(words) AGAINST (?) ORDER BY score DESC, id LIMIT ${Math.floor(limit)}`,
        [against, against],
      );
    } else {
      rows = await this.m.query(
        `SELECT rowid AS id, -bm25(knowledge_fts) AS score FROM knowledge_fts WHERE knowledge_fts MATCH ? ORDER BY bm25(knowledge_fts), rowid LIMIT ${Math.floor(limit)}`,
        [words.map((w) => `"${w}"`).join(' OR ')],
      );
    }
    return rows.map((r) => ({ id: Number(r.id), score: Number(r.score) }));
  }

  async list(f: KnowledgeListFilter, take: number, skip: number) {
    const qb = this.entries.createQueryBuilder('k');
    if (f.unitIds) qb.andWhere('k.unitId IN (:...units)', { units: f.unitIds.length ? f.unitIds : [-1] });
    if (f.status) qb.andWhere('k.status = :status', { status: f.status });
    if (f.category) qb.andWhere('k.category = :category', { category: f.category });
    if (f.words?.length) {
      if (isMysqlFamily(this.m)) qb.andWhere('MATCH(k.words) AGAINST (:against IN BOOLEAN MODE)', { against: f.words.map((w) => `+${w}`).join(' ') });
      else qb.andWhere('k.id IN (SELECT rowid FROM knowledge_fts WHERE knowledge_fts MATCH :match)', { match: f.words.map((w) => `"${w}"`).join(' AND ') });
    }
    const [items, total] = await qb.orderBy('k.updatedAt', 'DESC').addOrderBy('k.id', 'DESC').take(take).skip(skip).getManyAndCount();
    return { items, total };
  }

  async countAnswer(id: number) {
    await this.entries.increment({ id }, 'answerCount', 1);
  }

  expiringUnnoticed(now: Date, until: Date) {
    return this.entries
      .createQueryBuilder('k')
      .where("k.status = 'published' AND k.validTo > :now AND k.validTo <= :until AND k.expiryNoticeAt IS NULL", { now, until })
      .orderBy('k.validTo')
      .getMany();
  }

  async markExpiryNoticed(id: number, at: Date) {
    await this.entries.update({ id }, { expiryNoticeAt: at });
  }

  async expirePassed(now: Date) {
    const r = await this.entries.createQueryBuilder().update().set({ status: 'expired' }).where("status = 'published' AND validTo <= :now", { now }).execute();
    return r.affected ?? 0;
  }

  cannedReplies(kind: string | null) {
    return this.m.getRepository(CannedReplyEntity).find({ where: kind ? { kind } : {}, order: { category: 'ASC', id: 'ASC' } });
  }

  async saveCannedReply(r: Omit<CannedReplyEntity, 'id' | 'updatedAt'> & { id?: number }) {
    const repo = this.m.getRepository(CannedReplyEntity);
    return repo.save(repo.create(r));
  }

  async removeCannedReply(id: number) {
    return Boolean((await this.m.getRepository(CannedReplyEntity).delete({ id })).affected);
  }
}

export const KNOWLEDGE = repositoryToken<KnowledgeRepository>('knowledge', (m) => new TypeOrmKnowledgeRepository(m));
