import { ref } from 'vue';

/** Below this width (phones) the console shows a ☰ menu instead of the sidebar and cards instead of tables. */
export const NARROW_QUERY = '(max-width: 767px)';

const media = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(NARROW_QUERY) : null;

/** Whether the screen is phone-narrow; follows rotation and window resizing. */
export const narrow = ref(media?.matches ?? false);
media?.addEventListener('change', (e) => (narrow.value = e.matches));
