// Per-file entry point: decides what kind of file this is and runs the matching detectors.
import { analyseCode, isCodePath } from './code';
import { stripComments } from './comments';
import { analyseEnvFile, analyseProperties, analyseStructuredConfig, isEnvFile } from './config';
import { analyseDownloads } from './downloads';
import {
  analyseArmTemplate,
  analyseBicep,
  analyseCloudFormation,
  analyseServingContainers,
  analyseTerraform,
  collectContainerEnv,
  looksLikeArmTemplate,
  looksLikeCloudFormation,
} from './infra';
import { analyseCargo } from './manifests/cargo';
import { analyseComposer } from './manifests/composer';
import { analyseCsproj } from './manifests/dotnet';
import { analyseGoMod } from './manifests/go';
import { analyseGradle, analysePom } from './manifests/jvm';
import { analysePackageJson } from './manifests/npm';
import {
  analyseCondaEnvironment,
  analysePipfile,
  analysePyproject,
  analyseRequirements,
  analyseSetupCfg,
  analyseSetupPy,
} from './manifests/python';
import { analyseGemfile } from './manifests/ruby';
import { analyseReadme } from './model-cards';
import { analyseModelFile, isModelFilePath } from './model-files';
import { analyseNotebook } from './notebooks';
import { basename, dirname, extname, isTestPath, isVendoredPath } from './paths';
import { clipLongLines, splitLines } from './text';
import { emptyAnalysis, type FileAnalysis, type SourceFile } from './types';
import { analyseWorkflow, isWorkflowPath } from './workflows';

/** Text larger than this is generated data, not configuration or code worth reading. */
const MAX_TEXT = 4 * 1024 * 1024;

const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'composer.lock',
  'pipfile.lock',
  'poetry.lock',
  'cargo.lock',
  'gemfile.lock',
  'go.sum',
  'uv.lock',
  'packages.lock.json',
]);

const IGNORED_JSON =
  /^(?:tsconfig.*|jsconfig.*|\.eslintrc.*|\.prettierrc.*|\.babelrc|launch|settings|extensions|tasks|manifest|renovate|\.?release-please.*|lerna|nx|turbo|vercel|firebase)\.json$/;

function isRequirementsName(name: string, path = ''): boolean {
  return (
    /^requirements(?:[-_.][\w.-]+)?\.(?:txt|in)$/.test(name) ||
    /(?:^|\/)requirements\/[^/]+\.(?:txt|in)$/.test(path)
  );
}

function isComposeName(name: string): boolean {
  return /^(?:docker-)?compose(?:[-.][\w.-]+)?\.ya?ml$/.test(name);
}

/** Helm values files: `values.yaml`, `values-prod.yaml`, `values.gpu.yaml`. */
function isHelmValuesName(name: string): boolean {
  return /^values(?:[-.][\w.-]+)?\.ya?ml$/.test(name);
}

function isDockerfileName(name: string): boolean {
  return (
    name === 'dockerfile' ||
    name.startsWith('dockerfile.') ||
    name.endsWith('.dockerfile') ||
    name === 'containerfile'
  );
}

function isShellLike(name: string, ext: string): boolean {
  return (
    ['.sh', '.bash', '.zsh', '.mk'].includes(ext) ||
    name === 'makefile' ||
    name === 'justfile' ||
    name === 'procfile'
  );
}

const MANIFEST_NAMES = new Set([
  'package.json',
  'pyproject.toml',
  'pipfile',
  'setup.py',
  'setup.cfg',
  'go.mod',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'gemfile',
  'cargo.toml',
  'composer.json',
  'environment.yml',
  'environment.yaml',
]);

const CANDIDATE_EXT = new Set([
  '.py',
  '.ipynb',
  '.js',
  '.mjs',
  '.cjs',
  '.jsx',
  '.ts',
  '.tsx',
  '.mts',
  '.cts',
  '.go',
  '.java',
  '.kt',
  '.kts',
  '.cs',
  '.rb',
  '.json',
  '.yaml',
  '.yml',
  '.toml',
  '.properties',
  '.tf',
  '.tfvars',
  '.bicep',
  '.csproj',
  '.fsproj',
  '.vbproj',
  '.sh',
  '.bash',
  '.env',
  '.mk',
]);

/** Cheap filter on the path alone: is this file worth reading at all? */
export function isCandidatePath(path: string): boolean {
  if (isVendoredPath(path) || isTestPath(path)) return false;
  const name = basename(path).toLowerCase();
  if (LOCKFILES.has(name)) return false;
  if (isModelFilePath(path)) return true;
  if (MANIFEST_NAMES.has(name) || isRequirementsName(name, path) || isDockerfileName(name) || isEnvFile(path))
    return true;
  if (name === 'readme.md' || name === 'makefile' || name === 'justfile' || name === 'procfile') return true;
  const ext = extname(path);
  if (!CANDIDATE_EXT.has(ext)) return false;
  if (name.endsWith('.d.ts') || /\.min\.[cm]?js$/.test(name) || name.endsWith('.map')) return false;
  return true;
}

/** Model files: read only the head bytes, never the whole file. */
export function wantsHeadOnly(path: string): boolean {
  return isModelFilePath(path);
}

/** Per-file analysis: pure, and never throws. */
export function detectFile(file: SourceFile): FileAnalysis {
  const analysis = emptyAnalysis();
  try {
    analyse(file, analysis);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    analysis.warnings = [
      ...(analysis.warnings ?? []),
      `${file.path}: detector failed (${message.slice(0, 200)})`,
    ];
  }
  return analysis;
}

function analyse(file: SourceFile, analysis: FileAnalysis): void {
  const path = file.path;
  if (isVendoredPath(path) || isTestPath(path)) return;
  if (isModelFilePath(path) && file.text === undefined) {
    analyseModelFile(file, analysis);
    return;
  }
  const text = file.text;
  if (text === undefined) return;
  if (isModelFilePath(path)) {
    analyseModelFile({ ...file, head: file.head ?? new TextEncoder().encode(text.slice(0, 1024)) }, analysis);
    return;
  }
  const name = basename(path).toLowerCase();
  const ext = extname(path);
  if (text.length > MAX_TEXT && ext !== '.json') {
    analysis.warnings = [`${path}: skipped, ${text.length} characters is too large to be hand-written`];
    return;
  }
  // Source code, nearly every file, never needs the text cut into lines: split only on demand.
  let split: string[] | undefined;
  const lines = (): string[] => (split ??= splitLines(text));

  // Manifests.
  if (name === 'package.json') return analysePackageJson(path, text, lines(), analysis);
  if (isRequirementsName(name, path)) return analyseRequirements(path, lines(), analysis);
  if (name === 'pyproject.toml') return analysePyproject(path, text, lines(), analysis);
  if (name === 'pipfile') return analysePipfile(path, text, lines(), analysis);
  if (name === 'setup.py') return analyseSetupPy(path, text, lines(), analysis);
  if (name === 'setup.cfg') return analyseSetupCfg(path, lines(), analysis);
  if (name === 'environment.yml' || name === 'environment.yaml')
    return analyseCondaEnvironment(path, text, lines(), analysis);
  if (name === 'go.mod') return analyseGoMod(path, lines(), analysis);
  if (name === 'pom.xml') return analysePom(path, text, lines(), analysis);
  if (name === 'build.gradle' || name === 'build.gradle.kts')
    return analyseGradle(path, text, lines(), analysis);
  if (name === 'gemfile') return analyseGemfile(path, lines(), analysis);
  if (name === 'cargo.toml') return analyseCargo(path, text, lines(), analysis);
  if (name === 'composer.json') return analyseComposer(path, text, lines(), analysis);
  if (ext === '.csproj' || ext === '.fsproj' || ext === '.vbproj')
    return analyseCsproj(path, text, lines(), analysis);

  if (isDockerfileName(name)) {
    analysis.entryPoint = { kind: 'dockerfile', root: dirname(path) };
    analyseServingContainers(path, text, analysis);
    analyseDownloads(path, stripComments(clipLongLines(text), 'hash'), analysis, 'dockerfile');
    return;
  }
  if (isWorkflowPath(path)) return analyseWorkflow(path, text, lines(), analysis);
  if (isEnvFile(path)) return analyseEnvFile(text, analysis);
  if (name === 'readme.md') return analyseReadme(path, text, lines(), analysis);
  if (ext === '.ipynb') return analyseNotebook(path, text, lines(), analysis);
  if (ext === '.tf' || ext === '.tfvars') return analyseTerraform(path, text, analysis);
  if (ext === '.bicep') return analyseBicep(path, text, analysis);
  if (ext === '.properties') return analyseProperties(path, lines(), analysis);
  if (isShellLike(name, ext))
    return analyseDownloads(path, stripComments(clipLongLines(text), 'hash'), analysis, 'script');

  if (ext === '.json') {
    if (IGNORED_JSON.test(name)) return;
    if (looksLikeArmTemplate(text)) return analyseArmTemplate(path, text, lines(), analysis);
    if (looksLikeCloudFormation(text)) return analyseCloudFormation(path, text, analysis);
    return analyseStructuredConfig(path, text, lines, analysis);
  }
  if (ext === '.yaml' || ext === '.yml') {
    if (looksLikeCloudFormation(text)) return analyseCloudFormation(path, text, analysis);
    const container =
      isComposeName(name) ||
      isHelmValuesName(name) ||
      (/^\s*apiVersion:/m.test(text) && /^\s*kind:/m.test(text)) ||
      text.includes('{{');
    if (container) {
      analyseServingContainers(path, text, analysis);
      collectContainerEnv(clipLongLines(text), analysis);
      analyseDownloads(path, stripComments(clipLongLines(text), 'hash'), analysis, 'container');
      if (text.includes('{{')) return;
    }
    return analyseStructuredConfig(path, text, lines, analysis);
  }
  if (ext === '.toml') return analyseStructuredConfig(path, text, lines, analysis);
  if (isCodePath(path)) analyseCode(path, text, analysis);
}
