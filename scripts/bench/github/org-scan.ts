// Requests a GitHub organisation scan makes, against the fewest it could: ⌈R/100⌉ listing pages, one
// tree per repository, one request per blob the scan must read (C: detector candidates plus the
// .gitignore files that decide them). A mock organisation of 500 repositories on a loopback server;
// then an unchanged rescan, which GitHub should not count beyond the listing.
//   node --import tsx scripts/bench/github/org-scan.ts [repositories]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitHubClient, scanOwner } from '../../../connectors/github';
import { DirectoryStore } from '../../../connectors/local/key-value-dir';
import { filesToRead, ignoreFilesToRead } from '../../../shared/discovery/scan-files';
import { serveMockGitHub } from '../../../test/support/github/http-server';
import type { FileMap } from '../../../test/support/github/mock-github';

const R = Number(process.argv[2] ?? 500);

/** A plausible spread: every fifth repository holds an AI system, the rest are ordinary services. */
function repository(i: number): FileMap {
  const files: FileMap = {
    'README.md': `# Service ${i}\n\nInternal service number ${i}.\n`,
    '.gitignore': 'node_modules/\ndist/\n*.log\n',
    'package.json': JSON.stringify({ name: `service-${i}`, dependencies: { express: '^4.19.0' } }, null, 2),
    'src/index.ts': `import express from 'express';\nconst app = express();\napp.get('/', (_q, r) => r.send('${i}'));\napp.listen(3000);\n`,
    'src/util.ts': `export const id = ${i};\n`,
    'docs/architecture.png': new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, i % 256]),
    LICENSE: 'Apache-2.0\n',
  };
  if (i % 5 === 0) {
    files['package.json'] = JSON.stringify(
      { name: `assistant-${i}`, dependencies: { openai: '^4.56.0', express: '^4.19.0' } },
      null,
      2,
    );
    files['src/assistant.ts'] = [
      "import OpenAI from 'openai';",
      'const client = new OpenAI();',
      'export async function reply(text: string) {',
      `  return client.chat.completions.create({ model: '${i % 10 === 0 ? 'gpt-4o' : 'gpt-4o-mini'}', messages: [{ role: 'user', content: text }] });`,
      '}',
      '',
    ].join('\n');
    files['.env.example'] = 'OPENAI_API_KEY=\n';
  }
  if (i % 7 === 0) files['infra/main.tf'] = `resource "aws_s3_bucket" "b${i}" {\n  bucket = "svc-${i}"\n}\n`;
  return files;
}

/** Blobs a scan must read in one repository, by the shared scan's own choice. */
function blobsToRead(files: FileMap): number {
  const listing = Object.keys(files).map((path) => ({ path }));
  const ignores = ignoreFilesToRead(listing);
  const texts = new Map(ignores.map((p) => [p, String(files[p])]));
  return ignores.length + filesToRead(listing, texts).length;
}

const server = await serveMockGitHub();
const stateDir = mkdtempSync(join(tmpdir(), 'aims-bench-github-'));
try {
  let C = 0;
  for (let i = 1; i <= R; i++) {
    const files = repository(i);
    server.mock.addRepo(`bench-org/svc-${String(i).padStart(4, '0')}`, files);
    C += blobsToRead(files);
  }
  const store = new DirectoryStore(stateDir);
  const options = { baseUrl: server.apiUrl, token: 'bench-token' };

  const firstClient = createGitHubClient(options);
  const t0 = performance.now();
  const first = await scanOwner(firstClient, { org: 'bench-org' }, { store });
  const firstMs = performance.now() - t0;
  const systems = first.repositories.reduce((n, r) => n + (r.state?.report.systems.length ?? 0), 0);
  const pinned = first.repositories.filter((r) => r.state?.commit).length;

  const countedBefore = server.mock.counted;
  const rescanClient = createGitHubClient(options);
  const t1 = performance.now();
  const rescan = await scanOwner(rescanClient, { org: 'bench-org' }, { store });
  const rescanMs = performance.now() - t1;
  const rescanCounted = server.mock.counted - countedBefore;
  const listingPages = Math.ceil(R / 100);

  const minimum = listingPages + R + C;
  const ratio = firstClient.stats.requests / minimum;
  console.log(`repositories R=${R}, listing pages ⌈R/100⌉=${listingPages}, blobs to read C=${C}`);
  console.log(
    `first scan: ${firstClient.stats.requests} requests (minimum ${minimum}), ${systems} AI systems, ${pinned} repositories pinned to a commit (one branch request each), ${firstMs.toFixed(0)} ms`,
  );
  console.log(
    `unchanged rescan: ${rescanClient.stats.requests} requests, ${rescanClient.stats.notModified} answered 304, ` +
      `${rescanCounted} counted against the rate limit (listing pages ${listingPages}), ` +
      `${rescan.repositories.filter((r) => r.status === 'unchanged').length}/${R} unchanged, ${rescanMs.toFixed(0)} ms`,
  );
  console.log(`rate limit remaining after both: ${rescanClient.stats.rateLimitRemaining ?? 'unknown'}`);
  console.log(`ratio_to_minimum=${ratio.toFixed(3)}`);
} finally {
  await server.close();
  rmSync(stateDir, { recursive: true, force: true });
}
