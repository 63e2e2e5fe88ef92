import { reactive, ref } from 'vue';
import { api } from './api';
import type { TicketPage, TicketSummary } from './types';

/** Lists of what is due are read due first: the most overdue first on 超期, the next deadline first on 待签收 and 即将超期. */
export function dueFirst(view: string): string | undefined {
  return view === 'overdue' ? '-lateness' : view === 'pending_ack' || view === 'due_soon' ? 'due' : undefined;
}

/** The orders a list offers (GET /api/tickets `sort`). */
export const SORT_LABELS: Record<string, string> = { '-lateness': '超期最久在前', due: '最先到期在前', '-received': '最新接收在前', received: '最早接收在前' };

/** A paged ticket list for one view and filter set; an absent route or error leaves it empty. */
export function useTickets(base: () => Record<string, string | number | undefined>) {
  const items = ref<TicketSummary[]>([]);
  const state = reactive({ total: 0, more: false, page: 1, pageSize: 20, loading: false });
  // Only the latest request fills the list: an earlier one answering late (a slow lookup) must not overwrite it.
  let latest = 0;
  async function load(page = state.page) {
    const mine = ++latest;
    state.loading = true;
    state.page = page;
    try {
      const r = await api<TicketPage>('/api/tickets', { query: { ...base(), page, pageSize: state.pageSize } });
      if (mine !== latest) return;
      items.value = r.items ?? [];
      state.total = r.total ?? 0;
      state.more = r.more ?? false;
    } catch {
      if (mine !== latest) return;
      items.value = [];
      state.total = 0;
      state.more = false;
    } finally {
      if (mine === latest) state.loading = false;
    }
  }
  return { items, state, load };
}
