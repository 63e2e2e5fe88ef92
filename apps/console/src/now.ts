import { ref } from 'vue';

/** A shared clock tick so every countdown on the page moves together, once a minute. */
export const now = ref(Date.now());
setInterval(() => (now.value = Date.now()), 30_000);
