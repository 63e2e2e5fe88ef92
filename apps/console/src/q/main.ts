import { createApp } from 'vue';
import QApp from './QApp.vue';

// The citizens' pages (/q: progress by number and 查询码; /q/s/<token>: the 回访 survey): no
// account, no console bundle, phone first.
createApp(QApp).mount('#q');
