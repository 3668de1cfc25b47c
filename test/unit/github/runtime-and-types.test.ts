// The connector runs in the extension's background: it bundles for the browser with no Node built-in.
// And the mocks speak GitHub's published schema: a payload of the wrong shape does not typecheck.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { gitTree, type Schemas } from '../../support/github/payloads';

describe('GitHub connector runtime', () => {
  it('bundles for the browser without any Node-only module', async () => {
    const result = await build({
      entryPoints: ['connectors/github/index.ts'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).not.toMatch(/from\s*["']node:/);
    expect(code).not.toMatch(/require\(["'](?:fs|path|child_process|crypto)["']\)/);
  });
});

describe('typed mock payloads', () => {
  it('build trees in the documented shape', () => {
    const tree = gitTree('a'.repeat(40), false, [
      { path: 'x.py', mode: '100644', type: 'blob', sha: 'b'.repeat(40), size: 3 },
    ]);
    expect(tree.tree[0]?.path).toBe('x.py');
    // The typecheck (npm run typecheck) rejects a payload GitHub's schema does not allow:
    // @ts-expect-error `entries` is not a field of git-tree, and `tree` is missing.
    const wrong: Schemas['git-tree'] = { sha: 'x', truncated: false, entries: [] };
    expect(wrong).toBeDefined();
  });
});
