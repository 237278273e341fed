import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('./browser', import.meta.url)),
  base: './',
  build: { outDir: fileURLToPath(new URL('../out/bench', import.meta.url)), emptyOutDir: true, target: 'es2022' },
  define: { __APP_VERSION__: JSON.stringify('bench') },
});
