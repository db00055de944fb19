import { crx } from '@crxjs/vite-plugin';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

/** `BROWSER=firefox` builds the Firefox package into dist-firefox/ from the same sources. */
const target = process.env.BROWSER === 'firefox' ? 'firefox' : 'chrome';

export default defineConfig(({ mode }) => ({
  plugins: [crx({ manifest: manifest as never, browser: target })],
  build: {
    outDir: target === 'firefox' ? 'dist-firefox' : 'dist',
    emptyOutDir: true,
    sourcemap: mode === 'development',
    minify: mode !== 'development',
    target: 'es2022',
    rolldownOptions: {
      input: {
        explain: 'src/pages/explain/index.html',
        catalogue: 'src/pages/catalogue/index.html',
      },
    },
  },
  server: { port: 5174, strictPort: true, hmr: { port: 5174 } },
}));
