/**
 * A knowledge-base entry's life (GB/T 44191-2024 asks for review before publication and for
 * upkeep of validity): written as a draft, reviewed, published; expired when its validity ends or
 * it is withdrawn. Only a published entry within its validity is ever offered to an operator.
 */
export const KNOWLEDGE_STATUSES = ['draft', 'reviewed', 'published', 'expired'] as const;
export type KnowledgeStatus = (typeof KNOWLEDGE_STATUSES)[number];

export const KNOWLEDGE_STATUS_LABELS: Record<KnowledgeStatus, string> = {
  draft: '草稿',
  reviewed: '已审核',
  published: '已发布',
  expired: '已失效',
};

/** Moves an editor may make: forward (an admin publishing a draft reviews it too), back to draft to rework, expire at any time, revive an expired one as a draft. */
const MOVES: Record<KnowledgeStatus, readonly KnowledgeStatus[]> = {
  draft: ['draft', 'reviewed', 'published', 'expired'],
  reviewed: ['reviewed', 'draft', 'published', 'expired'],
  published: ['published', 'draft', 'expired'],
  expired: ['expired', 'draft'],
};

export function canMoveKnowledge(from: KnowledgeStatus, to: KnowledgeStatus): boolean {
  return MOVES[from].includes(to);
}

/** How long before its end of validity an entry is flagged to its owner. */
export const KNOWLEDGE_EXPIRY_NOTICE_DAYS = 14;

export interface KnowledgeValidity {
  status: string;
  validFrom: Date | null;
  validTo: Date | null;
}

/** Offered to operators: published and valid now (validTo exclusive). */
export function isOffered(e: KnowledgeValidity, now: Date): boolean {
  return e.status === 'published' && (!e.validFrom || e.validFrom <= now) && (!e.validTo || e.validTo > now);
}

/** Published, still valid, and its validity ends within the notice period. */
export function isNearExpiry(e: KnowledgeValidity, now: Date, days = KNOWLEDGE_EXPIRY_NOTICE_DAYS): boolean {
  return isOffered(e, now) && e.validTo !== null && e.validTo.getTime() - now.getTime() <= days * 86_400_000;
}
