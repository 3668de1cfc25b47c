// Both builds ask for exactly the permissions docs/permissions.md explains, and the Firefox build
// (Manifest V2) passes addons-linter (web-ext lint) with no errors.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_FILES } from '../../extension/background/overlay-scripts';

const root = process.cwd();
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

interface LintReport {
  errors: { code: string; message: string; file?: string }[];
  warnings: { code: string; message: string; file?: string }[];
}

const PERMISSIONS = ['storage', 'alarms', 'identity', 'webRequest', 'scripting'];

describe('Chromium build', () => {
  it('asks for the documented permissions, host access only as optional, content scripts per host', () => {
    const chrome = JSON.parse(readFileSync(join(root, '.output/chrome-mv3/manifest.json'), 'utf8'));
    expect(chrome.manifest_version).toBe(3);
    expect(chrome.permissions).toEqual(PERMISSIONS);
    expect(chrome.host_permissions).toBeUndefined();
    expect(chrome.optional_host_permissions).toEqual(['https://*/*']);
    expect(chrome.content_scripts.map((c: { matches: string[] }) => c.matches)).toEqual([
      ['https://github.com/*'],
      ['https://*.atlassian.net/*'],
      ['https://*.sharepoint.com/*'],
    ]);
    // The self-hosted hosts' scripts are registered by these file names: they must be the built ones.
    expect(chrome.content_scripts.map((c: { js: string[] }) => c.js)).toEqual(
      (['github', 'jira', 'sharepoint'] as const).map((host) => [CONTENT_SCRIPT_FILES[host]]),
    );
    const documented = readFileSync(join(root, 'docs/permissions.md'), 'utf8');
    for (const permission of PERMISSIONS) expect(documented).toContain(`| \`${permission}\` |`);
  });
});

describe('Firefox build', () => {
  it('builds, and web-ext lint reports no errors', () => {
    execFileSync(bin('wxt'), ['build', '-b', 'firefox'], { cwd: root, stdio: 'pipe' });
    let output: string;
    try {
      output = execFileSync(
        bin('web-ext'),
        ['lint', '--source-dir', '.output/firefox-mv2', '--output', 'json', '--no-config-discovery'],
        {
          cwd: root,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
    } catch (error) {
      // web-ext exits non-zero when it finds errors; the report is still on stdout.
      output = String((error as { stdout?: string }).stdout ?? '');
    }
    const report = JSON.parse(output) as LintReport;
    expect(report.errors).toEqual([]);

    const firefox = JSON.parse(readFileSync(join(root, '.output/firefox-mv2/manifest.json'), 'utf8'));
    expect(firefox.manifest_version).toBe(2);
    expect(firefox.browser_specific_settings.gecko.id).toBe('aims-lens@aims-lens.dev');
    expect(firefox.permissions).toEqual(PERMISSIONS);
    expect(firefox.optional_permissions).toEqual(['https://*/*']);
  }, 120_000);
});
