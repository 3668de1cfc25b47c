import { appendFileSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../../connectors/local/pack';
import { buildEvidencePack, relativeHref } from '../../../shared/render/evidence-pack';
import { runCli } from '../../support/cli';
import { TODAY, demoRecords, evidence, withRecords } from '../../support/certification-fixtures';
import { newDemoWorkspace } from '../../support/demo-workspace';
import { tempDir } from '../../support/temp';

let ws = '';

beforeAll(async () => {
  ({ ws } = await newDemoWorkspace('pack', TODAY));
});

async function freshPack(): Promise<string> {
  const out = join(tempDir('pack'), 'pack');
  const result = await runCli(['pack', '--workspace', ws, '--out', out, '--today', TODAY]);
  expect(result.code).toBe(0);
  return out;
}

describe('aims pack', () => {
  it('writes the documented layout with a manifest of every file', async () => {
    const pack = await freshPack();
    const files = await listFiles(pack);
    const doc = readFileSync(join(__dirname, '../../../docs/readiness.md'), 'utf8');
    const layout = /<!-- example: pack-layout -->\n```text\n([\s\S]*?)\n```/.exec(doc)![1]!;
    for (const line of layout.split('\n')) {
      const path = line.split(/\s+/)[0]!;
      if (path.includes('<')) {
        const folder = path.slice(0, path.indexOf('<'));
        expect(
          files.filter((f) => f.startsWith(folder) && f !== `${folder}index.html`).length,
        ).toBeGreaterThan(0);
      } else expect(files).toContain(path);
    }
    for (const example of layout.matchAll(/e\.g\. (\S+\.html)/g)) expect(files).toContain(example[1]);
    const manifest = JSON.parse(readFileSync(join(pack, 'manifest.json'), 'utf8')) as {
      files: Array<{ path: string }>;
    };
    expect(manifest.files.map((f) => f.path)).toEqual(files.filter((f) => f !== 'manifest.json'));
    expect(files.filter((f) => f.startsWith('clauses/')).length).toBeGreaterThan(25);
    expect(files.filter((f) => f.startsWith('controls/'))).toHaveLength(39);
  });

  it('refuses a folder that already holds files', async () => {
    const out = tempDir('pack');
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const result = await runCli(['pack', '--workspace', ws, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^aims pack: .* folder is not empty; choose a new --out folder$/);
  });

  it('loads nothing from anywhere: no scripts, remote styles, fonts or images, and a deny-all CSP', async () => {
    const pack = await freshPack();
    for (const file of (await listFiles(pack)).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(pack, file), 'utf8');
      expect(html, file).toContain(`default-src 'none'`);
      expect(html, file).not.toMatch(/<script|<link\b|<img\b|<iframe|<object|<embed|@import|url\(|\ssrc=/i);
      for (const href of html.matchAll(/href="([^"]*)"/g)) {
        const target = href[1]!;
        if (/^https?:/.test(target)) continue; // source-tool links, followed only when clicked
        const path = target.split('#')[0]!;
        if (path === '') continue;
        const resolved = join(file, '..', path);
        expect(existsSync(join(pack, resolved)), `${file} → ${target}`).toBe(true);
      }
    }
  });

  it('shows every evidence item with its source link, pinned version and content hash', async () => {
    const pack = await freshPack();
    const page = readFileSync(join(pack, 'evidence/index.html'), 'utf8');
    const records = readdirSync(join(ws, 'records/evidence')).map(
      (f) =>
        JSON.parse(readFileSync(join(ws, 'records/evidence', f), 'utf8')) as {
          url: string;
          pinnedVersion: string;
          contentHash: string;
        },
    );
    expect(records.length).toBeGreaterThan(0);
    for (const e of records) {
      expect(page).toContain(`href="${e.url}"`);
      expect(page).toContain(e.pinnedVersion);
      expect(page).toContain(e.contentHash);
    }
    const control = readFileSync(join(pack, 'controls/A.6.2.8.html'), 'utf8');
    expect(control).toContain('ev-fraud-logging-config');
    expect(control).toContain('finding-2026-1-1');
    const system = readFileSync(join(pack, 'systems/sys-fraud-scoring.html'), 'utf8');
    expect(system).toContain('Fraud scoring');
    expect(system).toContain('finding-2026-1-1');
    expect(system).toContain('controls/A.6.2.8.html');
    const index = readFileSync(join(pack, 'index.html'), 'utf8');
    expect(index.match(/<svg /g)).toHaveLength(3);
    expect(index).toContain('hash chain head');
  });

  it('escapes every page-derived text', () => {
    const hostile = evidence({
      id: 'ev-hostile',
      title: '<img src=x onerror=alert(1)> & "quotes"',
      url: 'javascript:alert(1)',
      clauses: ['9.1'],
    });
    const files = buildEvidencePack(withRecords(demoRecords(), hostile), {
      today: TODAY,
      generatedAt: `${TODAY}T09:00:00.000Z`,
    });
    const page = files.find((f) => f.path === 'evidence/index.html')!.content;
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('href="javascript:');
    expect(relativeHref('clauses/4.3.html', 'controls/A.2.2.html')).toBe('../controls/A.2.2.html');
  });
});

describe('aims verify-pack', () => {
  it('accepts an untouched pack', async () => {
    const pack = await freshPack();
    const result = await runCli(['verify-pack', pack]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^OK: \d+ files match manifest\.json \(manifest SHA-256 [0-9a-f]{64}\)$/);
  });

  it('fails when one byte of one file changes, naming the file', async () => {
    const pack = await freshPack();
    const file = join(pack, 'controls/A.6.2.8.html');
    const bytes = readFileSync(file);
    const at = bytes.indexOf('A.6.2.8');
    bytes[at] = 'B'.charCodeAt(0);
    writeFileSync(file, bytes);
    const result = await runCli(['verify-pack', pack]);
    expect(result.code).toBe(1);
    expect(result.out.split('\n')).toEqual([
      'ALTERED: controls/A.6.2.8.html',
      'FAILED: 1 altered, 0 missing, 0 added',
    ]);
  });

  it('fails when a file is added or removed, naming each', async () => {
    const pack = await freshPack();
    writeFileSync(join(pack, 'systems/extra.html'), '<p>planted</p>');
    rmSync(join(pack, 'data/soa.csv'));
    appendFileSync(join(pack, 'index.html'), '\n');
    const result = await runCli(['verify-pack', pack]);
    expect(result.code).toBe(1);
    expect(result.out.split('\n')).toEqual([
      'ALTERED: index.html',
      'MISSING: data/soa.csv',
      'ADDED: systems/extra.html',
      'FAILED: 1 altered, 1 missing, 1 added',
    ]);
  });

  it('fails without a manifest, and refuses a folder that does not exist', async () => {
    const pack = await freshPack();
    rmSync(join(pack, 'manifest.json'));
    expect(await runCli(['verify-pack', pack])).toMatchObject({
      code: 1,
      out: 'FAILED: manifest.json is missing',
    });
    const missing = await runCli(['verify-pack', join(tempDir('pack'), 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^aims verify-pack: .*nope: no such folder$/);
    expect((await runCli(['verify-pack'])).code).toBe(2);
  });
});
