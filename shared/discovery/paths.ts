// Path helpers: posix paths relative to the scan target.

export function basename(path: string): string {
  const at = path.lastIndexOf('/');
  return at === -1 ? path : path.slice(at + 1);
}

/** Parent folder, '.' for top-level files. */
export function dirname(path: string): string {
  const at = path.lastIndexOf('/');
  return at <= 0 ? '.' : path.slice(0, at);
}

/** Lower-cased extension including the dot ('.py'), '' when none. */
export function extname(path: string): string {
  const name = basename(path);
  const at = name.lastIndexOf('.');
  return at <= 0 ? '' : name.slice(at).toLowerCase();
}

export function segments(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0 && s !== '.');
}

/** True when `dir` is `path` itself or one of its ancestors ('.' is everyone's ancestor). */
export function isWithin(path: string, dir: string): boolean {
  if (dir === '.' || dir === '') return true;
  return path === dir || path.startsWith(`${dir}/`);
}

export function depth(dir: string): number {
  return dir === '.' ? 0 : segments(dir).length;
}

const TEST_DIRS = new Set([
  'test',
  'tests',
  '__tests__',
  'spec',
  'specs',
  'testdata',
  'fixtures',
  '__mocks__',
  'e2e',
  'testing',
]);

/** Tests, mocks and fixtures: strings there are not usage. */
export function isTestPath(path: string): boolean {
  const parts = segments(path);
  for (let i = 0; i < parts.length - 1; i++) {
    if (TEST_DIRS.has((parts[i] ?? '').toLowerCase())) return true;
  }
  const name = basename(path);
  return (
    name === 'conftest.py' ||
    /^test_.*\.py$/.test(name) ||
    /_test\.(?:py|go|rb|ts|js)$/.test(name) ||
    /\.(?:test|spec)\.[cm]?[jt]sx?$/.test(name) ||
    /_spec\.rb$/.test(name) ||
    /Tests?\.(?:cs|java|kt)$/.test(name)
  );
}

const VENDOR_DIRS = new Set([
  'node_modules',
  '.git',
  'vendor',
  'dist',
  'build',
  '.next',
  '.nuxt',
  '.output',
  '.venv',
  'venv',
  'site-packages',
  '__pycache__',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  'target',
  'bin',
  'obj',
  '.gradle',
  '.idea',
  'coverage',
  '.terraform',
]);

/** Dependencies, build output and caches: never the project's own code. */
export function isVendoredPath(path: string): boolean {
  const parts = segments(path);
  for (let i = 0; i < parts.length - 1; i++) {
    if (VENDOR_DIRS.has(parts[i] ?? '')) return true;
  }
  return false;
}

/** 'apps/Support Bot' → 'apps-support-bot'. */
export function slugify(path: string): string {
  const slug = path
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.length > 0 ? slug : 'root';
}
