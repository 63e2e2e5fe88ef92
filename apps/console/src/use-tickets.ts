import { reactive, ref } from 'vue';
import { api } from './api';
import type { TicketPage, TicketSummary } from './types';

/** A paged ticket list for one view and filter set; an absent route or error leaves it empty. */
export function useTickets(base: () => Record<string, string | number | undefined>) {
  const items = ref<TicketSummary[]>([]);
  const state = reactive({ total: 0, page: 1, pageSize: 20, loading: false });
  async function load(page = state.page) {
    state.loading = true;
    state.page = page;
    try {
      const r = await api<TicketPage>('/api/tickets', { query: { ...base(), page, pageSize: state.pageSize } });
      items.value = r.items ?? [];
      state.total = r.total ?? 0;
    } catch {
      items.value = [];
      state.total = 0;
    } finally {
      state.loading = false;
    }
  }
  return { items, state, load };
}
