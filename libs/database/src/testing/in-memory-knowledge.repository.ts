import type { CannedReplyEntity, KnowledgeEntryEntity, KnowledgeVersionEntity } from '../entities';
import type { KnowledgeEntryValues, KnowledgeListFilter, KnowledgeRepository } from '../repositories/knowledge.repository';
import { InMemoryTable, Snapshottable } from './in-memory-table';

/** The knowledge base in memory: candidates are entries sharing any word (score: how many). */
export class InMemoryKnowledgeRepository implements KnowledgeRepository, Snapshottable {
  readonly entries = new InMemoryTable<KnowledgeEntryEntity>();
  readonly versionRows = new InMemoryTable<KnowledgeVersionEntity>();
  readonly canned = new InMemoryTable<CannedReplyEntity>();

  async findById(id: number) {
    return this.entries.where((e) => e.id === id)[0] ?? null;
  }
  async findByIds(ids: number[]) {
    return this.entries.where((e) => ids.includes(e.id));
  }
  async insert(values: KnowledgeEntryValues) {
    const now = new Date();
    return this.entries.insert({ ...values, version: 1, answerCount: 0, expiryNoticeAt: null, createdAt: now, updatedAt: now });
  }
  async update(id: number, version: number, values: KnowledgeEntryValues) {
    const prior = await this.findById(id);
    if (!prior || prior.version !== version) return null;
    const expiryNoticeAt = prior.validTo?.getTime() === values.validTo?.getTime() ? prior.expiryNoticeAt : null;
    this.entries.update(id, { ...values, version: version + 1, expiryNoticeAt, updatedAt: new Date() });
    return this.findById(id);
  }
  async remove(id: number) {
    this.entries.delete(id);
  }
  async addVersion(v: Omit<KnowledgeVersionEntity, 'id'>) {
    this.versionRows.insert(v);
  }
  async versions(entryId: number) {
    return this.versionRows.where((v) => v.entryId === entryId).sort((a, b) => b.version - a.version);
  }
  async candidates(words: string[], limit: number) {
    return this.live()
      .map((e) => ({ id: e.id, score: words.filter((w) => e.words.split(' ').includes(w)).length }))
      .filter((c) => c.score > 0)
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .slice(0, limit);
  }
  async list(f: KnowledgeListFilter, take: number, skip: number) {
    const rows = this.live().filter(
      (e) =>
        (!f.unitIds || f.unitIds.includes(e.unitId ?? -1)) &&
        (!f.status || e.status === f.status) &&
        (!f.category || e.category === f.category) &&
        (!f.words || f.words.every((w) => e.words.split(' ').includes(w))),
    );
    return { items: rows.slice(skip, skip + take), total: rows.length };
  }
  async countAnswer(id: number) {
    const e = await this.findById(id);
    if (e) this.entries.update(id, { answerCount: e.answerCount + 1 });
  }
  async expiringUnnoticed(now: Date, until: Date) {
    return this.live().filter((e) => e.status === 'published' && e.validTo && e.validTo > now && e.validTo <= until && !e.expiryNoticeAt);
  }
  async markExpiryNoticed(id: number, at: Date) {
    this.entries.update(id, { expiryNoticeAt: at });
  }
  async expirePassed(now: Date) {
    const due = this.live().filter((e) => e.status === 'published' && e.validTo && e.validTo <= now);
    for (const e of due) this.entries.update(e.id, { status: 'expired' });
    return due.length;
  }
  async cannedReplies(kind: string | null) {
    return this.canned.where((r) => !kind || r.kind === kind);
  }
  async saveCannedReply(r: Omit<CannedReplyEntity, 'id' | 'updatedAt'> & { id?: number }) {
    if (r.id) {
      this.canned.update(r.id, { ...r, updatedAt: new Date() });
      return this.canned.where((x) => x.id === r.id)[0];
    }
    return this.canned.insert({ ...r, updatedAt: new Date() });
  }
  async removeCannedReply(id: number) {
    const had = this.canned.where((x) => x.id === id).length > 0;
    this.canned.delete(id);
    return had;
  }
  private live() {
    return this.entries.all();
  }
  snapshot(): () => void {
    const restores = [this.entries.snapshot(), this.versionRows.snapshot(), this.canned.snapshot()];
    return () => restores.forEach((r) => r());
  }
}
