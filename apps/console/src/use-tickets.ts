import { reactive, ref } from 'vue';
import { api } from './api';
import type { TicketPage, TicketSummary } from './types';

/** A paged ticket list for one view and filter set; an absent route or error leaves it empty. */
export function useTickets(base: () => Record<string, string | number | undefined>) {
  const items = ref<TicketSummary[]>([]);
  const state = reactive({ total: 0, page: 1, pageSize: 20, loading: false });
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
    } catch {
      if (mine !== latest) return;
      items.value = [];
      state.total = 0;
    } finally {
      if (mine === latest) state.loading = false;
    }
  }
  return { items, state, load };
}
