import { resolve } from 'path';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The API serves dist/ at `/`; in development `vite` proxies /api to a running API on :3000.
export default defineConfig({
  root: __dirname,
  base: '/',
  plugins: [vue()],
  // The domain's lists, labels and business time, shared with the server (plain TypeScript, no Node imports).
  resolve: { alias: { '@hub/domain': resolve(__dirname, '../../libs/domain/src') } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // The console, and the citizens' pages (/q), which load nothing of the console.
      input: { main: resolve(__dirname, 'index.html'), q: resolve(__dirname, 'q.html') },
      output: {
        // Element Plus and ECharts change less often than the app: separate files cache better.
        manualChunks: {
          'element-plus': ['element-plus', '@element-plus/icons-vue'],
          echarts: ['echarts/core', 'echarts/charts', 'echarts/components', 'echarts/renderers'],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
