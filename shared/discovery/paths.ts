// Path helpers: posix paths relative to the scan target.
import { SKIPPED_DIRS } from './skipped-dirs';

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

/** segments(dir).length, without building the array: it runs inside sort comparators. */
export function depth(dir: string): number {
  if (dir === '.') return 0;
  let count = 0;
  let start = 0;
  for (let at = 0; at <= dir.length; at++) {
    if (at < dir.length && dir.charCodeAt(at) !== 47) continue;
    const length = at - start;
    if (length > 0 && !(length === 1 && dir.charCodeAt(start) === 46)) count++;
    start = at + 1;
  }
  return count;
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
  if ((folderFlags(path) & IN_TESTS) !== 0) return true;
  const name = basename(path);
  // Every name pattern below contains one of these; most files contain none.
  if (!name.includes('test') && !name.includes('Test') && !name.includes('spec')) return false;
  return (
    name === 'conftest.py' ||
    /^test_.*\.py$/.test(name) ||
    /_test\.(?:py|go|rb|ts|js)$/.test(name) ||
    /\.(?:test|spec)\.[cm]?[jt]sx?$/.test(name) ||
    /_spec\.rb$/.test(name) ||
    /Tests?\.(?:cs|java|kt)$/.test(name)
  );
}

/** Dependency, build and cache folders: every folder a scanner skips (SKIPPED_DIRS), and a few more names. */
const VENDOR_DIRS = new Set([
  ...SKIPPED_DIRS,
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
  return (folderFlags(path) & VENDORED) !== 0;
}

const VENDORED = 1;
const IN_TESTS = 2;
/** Verdicts per folder: a repository has far fewer folders than files, and each file is asked several times. */
const folderVerdicts = new Map<string, number>();
// Consecutive questions are nearly always about files of one folder.
let lastFolder = '';
let lastFlags = 0;

/** VENDORED / IN_TESTS for the folders above a path's last segment. */
function folderFlags(path: string): number {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
  const at = path.lastIndexOf('/', end - 1);
  if (at <= 0) return 0;
  if (at === lastFolder.length && path.startsWith(lastFolder)) return lastFlags;
  const folder = path.slice(0, at);
  let flags = folderVerdicts.get(folder);
  if (flags === undefined) {
    flags = 0;
    for (const part of folder.split('/')) {
      if (VENDOR_DIRS.has(part)) flags |= VENDORED;
      if (TEST_DIRS.has(part.toLowerCase())) flags |= IN_TESTS;
    }
    // Bounded: a pathological tree must not grow the cache without end.
    if (folderVerdicts.size >= 8192) folderVerdicts.clear();
    folderVerdicts.set(folder, flags);
  }
  lastFolder = folder;
  lastFlags = flags;
  return flags;
}

/** 'apps/Support Bot' → 'apps-support-bot'. */
export function slugify(path: string): string {
  const slug = path
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.length > 0 ? slug : 'root';
}
