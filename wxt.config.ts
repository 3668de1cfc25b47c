import { defineConfig } from 'wxt';

// The extension lives in extension/; shared/ and connectors/ are plain imports.
export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  imports: false,
  manifest: ({ browser }) => ({
    name: 'AIMS Lens',
    description: 'ISO/IEC 42001 AI management system status where your teams work.',
    // Why each is needed: docs/permissions.md.
    permissions: ['storage', 'alarms', 'identity', 'webRequest'],
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
