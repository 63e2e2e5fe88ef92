import type { AssignmentRole, Channel, DeadlineStage, Disposition, Outcome, Rating, TicketStatus, Urgency } from '@hub/domain';

export interface NextDeadline { stage: DeadlineStage; dueAt: string; overdue: boolean; paused: boolean }

export interface TicketSummary {
  id: number; number: string; status: TicketStatus; statusLabel: string; channel: Channel; source: string | null; subject: string | null;
  summary: string; receivedAt: string; category: string | null; region: string | null; urgency: Urgency; leadUnit: string | null;
  leadUnitId: number | null; confidence: number | null; suggestion: string | null; nextDeadline: NextDeadline | null; repeatCount: number;
}

export interface TicketPage { total: number; page: number; pageSize: number; items: TicketSummary[] }

export interface Suggestion { category?: string | null; department?: string | null; region?: string | null; confidence?: number | null }

export interface TicketDetail {
  id: number; number: string; status: TicketStatus; statusLabel: string; channel: Channel; source: string | null; externalId: string | null;
  subject: string | null; text: string; address: string | null; receivedAt: string; category: string | null; region: string | null;
  urgency: Urgency; disposition: Disposition | null; confidential: boolean; outcome: Outcome | null; rating: Rating | null;
  leadUnitId: number | null; leadUnit: string | null; replyDueAt: string | null; repliedAt: string | null; closedAt: string | null;
  mergedIntoId: number | null; repeatCount: number; clusterId: number | null;
  classification: { category?: string | null; region?: string | null; department?: string | null; confidence?: number | null; auto?: boolean; suggestions?: Suggestion[]; why?: unknown; urgency?: Urgency } | null;
  requester: { name: string | null; phone: string | null; email: string | null; idNumber: string | null; address: string | null; masked: boolean } | null;
  assignments: Array<{ id: number; unitId: number; unit: string | null; role: AssignmentRole; status: string; dispatchedAt: string; acknowledgedAt: string | null; returnedAt: string | null; returnReason: string | null; repliedAt: string | null; outcome: Outcome | null; replyText: string | null; extensionCount: number }>;
  events: Array<{ id: number; type: string; fromStatus: TicketStatus | null; toStatus: TicketStatus | null; actor: string; actorKind: string; at: string; reason: string | null; data: Record<string, unknown> | null }>;
  deadlines: Array<{ id: number; stage: DeadlineStage; unit: string | null; startAt: string; dueAt: string; status: string; metAt: string | null; paused: boolean; overdue: boolean; warnings: string[] }>;
  attachments: Array<{ id: number; filename: string; contentType: string; size: number; tooLarge: boolean }>;
  tasks: Array<{ id: number; kind: string; round: number; status: string; dueAt: string | null; doneAt: string | null; note: string | null }>;
  repeats: Array<{ id: number; number: string; receivedAt: string; summary: string }>;
  actions: string[];
}
