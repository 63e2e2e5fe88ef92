import { onBeforeUnmount, onMounted } from 'vue';
import { api } from './api';

/** How often a live list asks whether it changed. */
export const LIVE_POLL_MS = 10_000;

/**
 * Keeps a list live by polling a cheap version endpoint (e.g. GET /api/tickets/triage-version)
 * while the page is mounted and visible: `changed` runs only when the answer differs from the last.
 */
export function useLiveVersion(path: string, changed: () => void, everyMs = LIVE_POLL_MS): void {
  let last: string | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  async function check() {
    if (document.visibilityState === 'hidden') return;
    const v = await api<{ version: string }>(path, { quiet: true }).catch(() => null);
    if (!v) return;
    if (last !== null && v.version !== last) changed();
    last = v.version;
  }
  onMounted(() => {
    void check();
    timer = setInterval(() => void check(), everyMs);
  });
  onBeforeUnmount(() => clearInterval(timer));
}
