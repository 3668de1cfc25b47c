// The Firefox build (Manifest V2) passes addons-linter (web-ext lint) with no errors, and its
// manifest asks for the same permissions as the Chromium one.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = process.cwd();
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

interface LintReport {
  errors: { code: string; message: string; file?: string }[];
  warnings: { code: string; message: string; file?: string }[];
}

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
    expect(firefox.permissions).toEqual(['storage', 'alarms', 'identity', 'webRequest']);
    expect(firefox.optional_permissions).toEqual(['https://*/*']);
  }, 120_000);
});
