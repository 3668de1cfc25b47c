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
    permissions: ['storage', 'alarms'],
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
