/**
 * Two builds from one config:
 *  - `vite build` (hosted): relative base, hash routing, the engine in a module Web Worker, a service
 *    worker that precaches everything (vite-plugin-pwa, generateSW, update prompt).
 *  - `vite build --mode single`: one self-contained HTML file to open from disk (file://). No service
 *    worker, no module worker (neither works from file://): the engine runs on the main thread and every
 *    dynamic import is inlined. Its CSP names the inline script and style by their SHA-256 hashes.
 * See docs/hosting.md.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, loadEnv, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { azureConnectSources } from './src/azure/endpoints';

const root = import.meta.dirname;

/** In the single-file build the one inline script and style are allowed by hash; everything else stays closed. */
function singleFileCsp(html: string): string {
  const hashes = (re: RegExp) =>
    [...html.matchAll(re)].map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  const scripts = hashes(/<script\b[^>]*>([\s\S]+?)<\/script>/g);
  const styles = hashes(/<style\b[^>]*>([\s\S]*?)<\/style>/g);
  return (
    `default-src 'none'; script-src ${scripts.join(' ')}; style-src ${styles.join(' ') || "'none'"}; ` +
    "img-src data: blob:; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
  );
}

const CSP_META = /<meta http-equiv="Content-Security-Policy" content="[^"]*"\s*\/?>/;

/** The app icon as a data: URL, so the single file names no other file. */
function iconDataUrl(): string {
  return `data:image/svg+xml;base64,${readFileSync(resolve(root, 'public/icons/icon.svg')).toString('base64')}`;
}

/**
 * Single-file build: points the icon at a data: URL, drops links to files that do not exist beside the
 * HTML, and — once vite-plugin-singlefile has inlined everything and the file is written — puts the
 * hash-based CSP into it.
 */
function singleFileHtmlPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'appgw-single-file-html',
    enforce: 'post',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    transformIndexHtml(html) {
      // A stand-in policy until writeBundle puts the hashes in (vite-plugin-singlefile checks the meta tag before that).
      return html
        .replace(CSP_META, `<meta http-equiv="Content-Security-Policy" content="script-src 'unsafe-inline'; style-src 'unsafe-inline'">`)
        .replace(/<link rel="icon"[^>]*>/, `<link rel="icon" href="${iconDataUrl()}" type="image/svg+xml" />`)
        .replace(/\s*<link rel="apple-touch-icon"[^>]*>/, '');
    },
    writeBundle() {
      const file = resolve(outDir, 'index.html');
      const html = readFileSync(file, 'utf8');
      writeFileSync(file, html.replace(CSP_META, `<meta http-equiv="Content-Security-Policy" content="${singleFileCsp(html.replace(CSP_META, ''))}">`));
    },
  };
}

/** The single-file build has no module worker: the engine host that would start one is swapped for the main-thread one. */
function mainThreadEnginePlugin(): Plugin {
  return {
    name: 'appgw-main-thread-engine',
    enforce: 'pre',
    resolveId(source) {
      if (source === './worker-host') return resolve(root, 'src/worker/no-worker-host.ts');
      return null;
    },
  };
}

/**
 * Hosted build: sign-in (src/azure) talks to the Microsoft Entra sign-in hosts and to Azure Resource Manager of
 * every cloud, plus any origin the build names (VITE_AZURE_CONNECT_SRC, VITE_AAD_AUTHORITY, VITE_ARM_ENDPOINT):
 * those, and only those, join `connect-src`. Nothing is fetched from them until the user signs in.
 */
function azureConnectSrcPlugin(env: Record<string, string>): Plugin {
  return {
    name: 'appgw-azure-connect-src',
    transformIndexHtml(html) {
      return html.replace("connect-src 'self'", `connect-src 'self' ${azureConnectSources(env).join(' ')}`);
    },
  };
}

export default defineConfig(({ mode }) => {
  const single = mode === 'single';
  return {
    base: './',
    plugins: [
      svelte(),
      ...(single
        ? [mainThreadEnginePlugin(), viteSingleFile({ removeViteModuleLoader: true }), singleFileHtmlPlugin()]
        : [
            azureConnectSrcPlugin(loadEnv(mode, root, 'VITE_')),
            VitePWA({
              strategies: 'generateSW',
              registerType: 'prompt',
              injectRegister: false,
              manifest: {
                name: 'AppGW 502 Doctor',
                short_name: 'AppGW 502',
                description: 'Finds why an Azure Application Gateway answers 502, offline, in the browser.',
                lang: 'en',
                start_url: './',
                scope: './',
                display: 'standalone',
                background_color: '#0f1b2d',
                theme_color: '#0b5cad',
                icons: [
                  { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
                  { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
                  { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
                  { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
                ],
              },
              workbox: {
                globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,json,txt}'],
                cleanupOutdatedCaches: true,
                // Hash routing: every navigation is index.html; there are no server routes to fall back to.
                navigateFallback: 'index.html',
                maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
              },
            }),
          ]),
    ],
    worker: { format: 'es' },
    // The single file must not need anything beside it (icons are inlined as data: URLs above).
    publicDir: single ? false : 'public',
    build: {
      outDir: single ? 'dist-single' : 'dist',
      target: 'es2022',
      // The single file carries everything; the hosted build keeps the first screen small and loads the rest lazily.
      chunkSizeWarningLimit: single ? 4096 : 600,
      modulePreload: { polyfill: false },
    },
    server: { host: '127.0.0.1' },
    preview: { host: '127.0.0.1' },
  };
});
