export interface NextDeadline { stage: string; dueAt: string; overdue: boolean; paused: boolean }

export interface TicketSummary {
  id: number; number: string; status: string; statusLabel: string; channel: string; source: string | null; subject: string | null;
  summary: string; receivedAt: string; category: string | null; region: string | null; urgency: string; leadUnit: string | null;
  leadUnitId: number | null; confidence: number | null; suggestion: string | null; nextDeadline: NextDeadline | null; repeatCount: number;
}

export interface TicketPage { total: number; page: number; pageSize: number; items: TicketSummary[] }

export interface Suggestion { category?: string | null; department?: string | null; region?: string | null; confidence?: number | null }

export interface TicketDetail {
  id: number; number: string; status: string; statusLabel: string; channel: string; source: string | null; externalId: string | null;
  subject: string | null; text: string; address: string | null; receivedAt: string; category: string | null; region: string | null;
  urgency: string; disposition: string | null; confidential: boolean; outcome: string | null; rating: string | null;
  leadUnitId: number | null; leadUnit: string | null; replyDueAt: string | null; repliedAt: string | null; closedAt: string | null;
  mergedIntoId: number | null; repeatCount: number; clusterId: number | null;
  classification: { category?: string | null; region?: string | null; department?: string | null; confidence?: number | null; auto?: boolean; suggestions?: Suggestion[]; why?: unknown; urgency?: string } | null;
  requester: { name: string | null; phone: string | null; email: string | null; idNumber: string | null; address: string | null; masked: boolean } | null;
  assignments: Array<{ id: number; unitId: number; unit: string | null; role: string; status: string; dispatchedAt: string; acknowledgedAt: string | null; returnedAt: string | null; returnReason: string | null; repliedAt: string | null; outcome: string | null; replyText: string | null; extensionCount: number }>;
  events: Array<{ id: number; type: string; fromStatus: string | null; toStatus: string | null; actor: string; actorKind: string; at: string; reason: string | null; data: Record<string, unknown> | null }>;
  deadlines: Array<{ id: number; stage: string; unit: string | null; startAt: string; dueAt: string; status: string; metAt: string | null; paused: boolean; overdue: boolean; warnings: string[] }>;
  attachments: Array<{ id: number; filename: string; contentType: string; size: number; tooLarge: boolean }>;
  tasks: Array<{ id: number; kind: string; round: number; status: string; dueAt: string | null; doneAt: string | null; note: string | null }>;
  repeats: Array<{ id: number; number: string; receivedAt: string; summary: string }>;
  actions: string[];
}
