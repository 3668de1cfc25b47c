// Folders that hold dependencies, build output or caches: never the project's own code.

export const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'bower_components',
  'jspm_packages',
  '.venv',
  'venv',
  '.virtualenv',
  'site-packages',
  '__pycache__',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.ipynb_checkpoints',
  'vendor',
  'dist',
  'build',
  'target',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.output',
  '.turbo',
  '.parcel-cache',
  '.cache',
  '.gradle',
  '.terraform',
  '.serverless',
  '.aws-sam',
  'coverage',
]);

/** True when any folder on the path is a skipped one. */
export function inSkippedDir(path: string): boolean {
  const parts = path.split('/');
  for (let i = 0; i < parts.length - 1; i++) {
    if (SKIPPED_DIRS.has(parts[i] ?? '')) return true;
  }
  return false;
}
