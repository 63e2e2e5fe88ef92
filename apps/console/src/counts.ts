import { reactive } from 'vue';
import { api } from './api';
import type { Schemas } from './types';

/** Counts per inbox view for the header badges; refreshed after every action and once a minute. */
export const counts = reactive<Record<string, number>>({});

export async function refreshCounts(): Promise<void> {
  try {
    const c = await api<Schemas['TicketCounts']>('/api/tickets/counts', { quiet: true });
    for (const k of Object.keys(counts)) delete counts[k];
    Object.assign(counts, c ?? {});
  } catch {
    /* the header simply shows no badges */
  }
}

export const VIEW_LABELS: Record<string, string> = {
  triage: '待分拨',
  pending_ack: '待签收',
  in_progress: '办理中',
  due_soon: '即将超期',
  overdue: '已超期',
  returned: '已退回',
};
