import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';

const stub = (name: string) => fileURLToPath(new URL(`./extension/node-stubs/${name}.ts`, import.meta.url));

// The extension lives in extension/; shared/ and connectors/ are plain imports.
export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  imports: false,
  // jira.js (the Jira connector, run by the background) reaches for Node's `path` (through mime-types)
  // and `node:stream` for attachment uploads the extension never makes: browser stand-ins instead.
  vite: () => ({
    resolve: {
      alias: { 'node:stream': stub('stream'), 'node:path': stub('path'), path: stub('path') },
    },
  }),
  manifest: ({ browser }) => ({
    name: 'AIMS Lens',
    description: 'ISO/IEC 42001 AI management system status where your teams work.',
    // Why each is needed: docs/permissions.md.
    permissions: ['storage', 'alarms', 'identity', 'webRequest', 'scripting'],
    // Requested one origin at a time when a connection is added (api.github.com, a Jira site, a
    // self-hosted server, Microsoft's sign-in and Graph hosts); never all at once.
    // (Manifest V2, Firefox: host patterns go in optional_permissions.)
    ...(browser === 'firefox'
      ? { optional_permissions: ['https://*/*'] }
      : { optional_host_permissions: ['https://*/*'] }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'aims-lens@aims-lens.dev',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  zip: {
    excludeSources: ['.ci/**', 'test/**', '.output/**', '*.log', 'workspace*/**'],
  },
  webExt: { disabled: true },
});
