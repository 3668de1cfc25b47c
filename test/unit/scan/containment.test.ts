// The scanner reads only the target, and what it reports never carries a credential.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanDirectory } from '../../../connectors/local/scan';
import { maskSecrets } from '../../../shared/discovery/secrets';
import { runCli } from '../../support/cli';
import { tempDir, writeTree } from './support';

describe('file symlinks', () => {
  it('a file link pointing outside the target is not read, and the warning names it', async () => {
    const outside = tempDir('outside');
    writeFileSync(
      join(outside, 'secrets.py'),
      'import openai\nclient = openai.OpenAI()\nclient.chat.completions.create(model="gpt-4o")\n',
    );
    const root = tempDir('contained');
    writeTree(root, { 'app/real.py': 'print("hello")\n' });
    symlinkSync(join(outside, 'secrets.py'), join(root, 'app/linked.py'));
    symlinkSync(join(root, 'app/real.py'), join(root, 'app/alias.py'));
    const report = await scanDirectory(root, { target: 'root', threads: 1 });
    expect(report.warnings).toContain('app/linked.py: symlink to a file outside the scan target, not read');
    expect(JSON.stringify(report.systems)).not.toContain('gpt-4o');
    expect(report.warnings.some((w) => w.startsWith('app/alias.py'))).toBe(false);
    expect(report.scannedFiles).toBeGreaterThanOrEqual(2);
  });

  it('a file link through a chain of links that ends outside is not read', async () => {
    const outside = tempDir('outside');
    writeFileSync(join(outside, 'key.py'), 'import anthropic\n');
    const root = tempDir('contained');
    mkdirSync(join(root, 'a'));
    symlinkSync(join(outside, 'key.py'), join(root, 'a/hop.py'));
    symlinkSync(join(root, 'a/hop.py'), join(root, 'a/start.py'));
    const report = await scanDirectory(root, { target: 'root', threads: 1 });
    expect(report.warnings).toEqual([
      'a/hop.py: symlink to a file outside the scan target, not read',
      'a/start.py: symlink to a file outside the scan target, not read',
    ]);
  });
});

const OPENAI_KEY = 'sk-proj-' + 'Ab3dEf9hIj2lMn5pQr8tUv1xYz4'.repeat(2);
const GITHUB_TOKEN = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
const HF_TOKEN = 'hf_' + 'aBcDeFgHiJkLmNoPqRsTuVwXyZ012345';

describe('secret masking in snippets', () => {
  it.each([
    [`client = OpenAI(api_key="${OPENAI_KEY}")`, 'client = OpenAI(api_key="sk-proj-***")'],
    [`token = "${GITHUB_TOKEN}"`, 'token = "ghp_***"'],
    [`login(token='${HF_TOKEN}')`, "login(token='hf_***')"],
    ['DB = "postgres://app:s3cr3t-pass@db.internal:5432/x"', 'DB = "postgres://app:***@db.internal:5432/x"'],
    [
      'headers = {"Authorization": "Bearer abcdef0123456789abcdef"}',
      'headers = {"Authorization": "Bearer ***"}',
    ],
    ['aws_key = "AKIAIOSFODNN7EXAMPLE"', 'aws_key = "AKIA***"'],
    ['password: "correct-horse-battery"', 'password: "***"'],
    ['"apiKey": "Zq81-internal-Key"', '"apiKey": "***"'],
    ['jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJlLXZhbHVl"', 'jwt = "eyJ***"'],
  ])('masks %s', (line, expected) => {
    expect(maskSecrets(line)).toBe(expected);
  });

  it.each([
    'api_key=os.environ["OPENAI_API_KEY"]',
    'api_key = "${OPENAI_API_KEY}"',
    'model="gpt-4o-mini-2024-07-18"',
    'from_pretrained("meta-llama/Llama-3.1-8B-Instruct")',
    'token = "<your token>"',
    'max_tokens = 512',
    'url = "https://api.openai.com/v1"',
  ])('keeps %s', (line) => {
    expect(maskSecrets(line)).toBe(line);
  });

  it('scan JSON, CycloneDX and table output carry no credential', async () => {
    const root = tempDir('secrets');
    writeTree(root, {
      'app/main.py': [
        'from openai import OpenAI',
        `client = OpenAI(api_key="${OPENAI_KEY}")`,
        `resp = client.chat.completions.create(model="gpt-4o", api_key="${OPENAI_KEY}")`,
        '',
      ].join('\n'),
      'app/hub.py': [
        'from huggingface_hub import login',
        `login(token="${HF_TOKEN}")`,
        'from transformers import AutoModel',
        `AutoModel.from_pretrained("bert-base-uncased", token="${HF_TOKEN}")`,
        '',
      ].join('\n'),
      'requirements.txt': 'openai==1.40.0\ntransformers==4.44.0\nhuggingface_hub==0.24.0\n',
    });
    for (const format of ['json', 'cyclonedx', 'table']) {
      const run = await runCli(['scan', root, '--format', format, '--threads', '1']);
      expect(run.code, run.err).toBe(0);
      expect(run.out, format).not.toContain(OPENAI_KEY.slice(8));
      expect(run.out, format).not.toContain(HF_TOKEN.slice(3));
      if (format !== 'table') expect(run.out, format).toContain('***');
    }
  }, 30_000);
});
