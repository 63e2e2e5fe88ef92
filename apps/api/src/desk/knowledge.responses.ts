import { KNOWLEDGE_STATUSES } from '@hub/domain';
import { Enum, Int, ListOf, NullableStr, NullableTime, Num, Str, StrList, Time } from '../response-fields';

// What /api/knowledge and /api/tickets/:id/knowledge answer.

export class KnowledgeHit {
  @Int() id!: number;
  @Str() title!: string;
  @Str() answer!: string;
  @NullableStr() category!: string | null;
  @NullableStr({ description: 'the unit that keeps it' }) unit!: string | null;
  @NullableTime() validTo!: string | null;
  @Num({ description: '0-1, higher is better' }) score!: number;
}

export class KnowledgeHits {
  @ListOf(KnowledgeHit, { description: 'best first; published entries within their validity only' }) items!: KnowledgeHit[];
}

export class KnowledgeVersion {
  @Int() version!: number;
  @NullableStr() actor!: string | null;
  @Time() at!: string;
  @Str({ description: 'the entry as saved, JSON' }) snapshot!: string;
}

export class KnowledgeEntry {
  @Int() id!: number;
  @Str() title!: string;
  @StrList() questions!: string[];
  @Str() answer!: string;
  @NullableStr() category!: string | null;
  @NullableStr() unit!: string | null;
  @NullableTime() validFrom!: string | null;
  @NullableTime() validTo!: string | null;
  @Enum(KNOWLEDGE_STATUSES, 'KnowledgeStatus') status!: string;
  @Str() statusLabel!: string;
  @NullableStr() sourceUrl!: string | null;
  @Int() version!: number;
  @Int({ description: 'calls answered from it' }) answerCount!: number;
  @NullableStr({ description: 'set when its validity ends within 14 days: 即将到期' }) flag!: string | null;
  @NullableStr() updatedBy!: string | null;
  @Time() updatedAt!: string;
}

export class KnowledgeEntryDetail extends KnowledgeEntry {
  @ListOf(KnowledgeVersion, { description: 'newest first' }) versions!: KnowledgeVersion[];
}

export class KnowledgePage {
  @Int() total!: number;
  @ListOf(KnowledgeEntry) items!: KnowledgeEntry[];
}

export class KnowledgeRowRejected {
  @Int({ description: 'the Excel row number' }) row!: number;
  @Str({ description: 'why the row was not saved (Chinese)' }) reason!: string;
}

export class KnowledgeImportResult {
  @Int({ description: 'rows saved as new entries' }) created!: number;
  @Int({ description: 'rows saved as the next version of their entry (编号)' }) updated!: number;
  @Int({ description: 'rows equal to their entry (no new version)' }) unchanged!: number;
  @ListOf(KnowledgeRowRejected, { description: 'rows not saved, with their row number and reason; the other rows are saved' })
  rejected!: KnowledgeRowRejected[];
}

export class KnowledgeGapCategory {
  @NullableStr({ description: 'null: tickets without a category' }) category!: string | null;
  @Int({ description: 'direct answers in the period' }) answered!: number;
  @Int({ description: 'of those, answered from an entry' }) cited!: number;
  @Int({ description: 'answered without an entry (the gap)' }) uncited!: number;
  @Num({ description: 'cited / answered, 0–1' }) citedRate!: number;
}

export class KnowledgeGapTicket {
  @Int() id!: number;
  @Str() number!: string;
  @NullableStr() category!: string | null;
  @Str({ description: 'subject and text, first 100 characters' }) summary!: string;
  @Time() repliedAt!: string;
}

export class KnowledgeEntryAnswers {
  @Int() id!: number;
  @Str() title!: string;
  @NullableStr() category!: string | null;
  @NullableStr() unit!: string | null;
  @Int({ description: 'direct answers from it in the period' }) answers!: number;
}

export class KnowledgeGaps {
  @Str({ description: 'YYYY-MM-DD (Beijing), inclusive' }) from!: string;
  @Str({ description: 'YYYY-MM-DD (Beijing), inclusive' }) to!: string;
  @Int() answered!: number;
  @Int() cited!: number;
  @Int() uncited!: number;
  @ListOf(KnowledgeGapCategory, { description: 'most uncited first' }) categories!: KnowledgeGapCategory[];
  @ListOf(KnowledgeGapTicket, { description: 'the latest 20 direct answers without an entry' }) recent!: KnowledgeGapTicket[];
  @ListOf(KnowledgeEntryAnswers, { description: 'entries that answered in the period, most first' }) entries!: KnowledgeEntryAnswers[];
}
