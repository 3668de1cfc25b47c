// The detector registry: every detector, in the order a file is offered to them (the first that wants
// a file analyses it). `isCandidatePath`, `wantsHeadOnly` and the code extensions derive from this list;
// a scanner (local walk, git blobs, the GitHub API) asks it which files to read and how much of them.
import { CODE_EXTENSIONS, analyseCode, mayUseAiBytes } from './code';
import { stripComments } from './comments';
import {
  analyseEnvFile,
  analyseProperties,
  analyseStructuredConfig,
  helmValuesDefinitions,
  isEnvFileName,
} from './config';
import {
  analyseParametersFile,
  assignmentSites,
  configSettingSites,
  containerEnvSites,
  looksLikeParametersFile,
} from './config-sites';
import type { Detector } from './detector';
import { analyseGuardrailConfig, analyseMcpConfig, isMcpConfigName, looksLikeNemoRails } from './agents';
import { analyseDownloads } from './downloads';
import { analyseLiteLLMConfig, looksLikeLiteLLMConfig } from './gateways';
import { helmTemplateSites } from './helm';
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
import { analyseModelFile, isModelFileName } from './model-files';
import { analyseModelfile, isModelfileName } from './modelfile';
import { analyseNotebook } from './notebooks';
import { basename, extname, dirname, isTestPath, isVendoredPath } from './paths';
import { clipLongLines } from './text';

import { analyseWorkflow, isWorkflowPath } from './workflows';

/** JSON is exempt from the text bound: data files are big, and the JSON detectors parse, not scan. */
const NO_LIMIT = Number.POSITIVE_INFINITY;

const IGNORED_JSON =
  /^(?:tsconfig.*|jsconfig.*|\.eslintrc.*|\.prettierrc.*|\.babelrc|launch|settings|extensions|tasks|manifest|renovate|\.?release-please.*|lerna|nx|turbo|vercel|firebase)\.json$/;

// Both patterns end in .txt or .in: most names are ruled out by their extension before either regex runs.
const isRequirementsFile = (path: string, name: string, ext: string): boolean =>
  (ext === '.txt' || ext === '.in') &&
  (/^requirements(?:[-_.][\w.-]+)?\.(?:txt|in)$/.test(name) ||
    /(?:^|\/)requirements\/[^/]+\.(?:txt|in)$/.test(path));

const isComposeName = (name: string): boolean => /^(?:docker-)?compose(?:[-.][\w.-]+)?\.ya?ml$/.test(name);

/** Helm values files: `values.yaml`, `values-prod.yaml`, `values.gpu.yaml`. */
const isHelmValuesName = (name: string): boolean => /^values(?:[-.][\w.-]+)?\.ya?ml$/.test(name);

const isDockerfileName = (name: string): boolean =>
  name === 'dockerfile' ||
  name.startsWith('dockerfile.') ||
  name.endsWith('.dockerfile') ||
  name === 'containerfile';

const hashComments = (text: string): string => stripComments(clipLongLines(text), 'hash');

/** Every detector, in dispatch order: names before extensions, specific shapes before general ones. */
export const DETECTORS: readonly Detector[] = [
  {
    id: 'model-file',
    summary:
      'model weights by name and header magic (GGUF, safetensors, ONNX, pickles…); head bytes and sha256 only',
    matches: (_path, name) => isModelFileName(name),
    headOnly: true,
    maxChars: NO_LIMIT,
    analyse({ file }, analysis) {
      if (file.text === undefined) return analyseModelFile(file, analysis);
      // A text copy of a model file (an LFS pointer read as text): its head is its first characters.
      const head = file.head ?? new TextEncoder().encode(file.text.slice(0, 1024));
      analyseModelFile({ ...file, head }, analysis);
    },
  },
  {
    id: 'npm-manifest',
    wholeDocument: true,
    summary: 'package.json dependencies',
    names: ['package.json'],
    maxChars: NO_LIMIT,
    analyse: ({ path, text, lines }, analysis) => analysePackageJson(path, text, lines(), analysis),
  },
  {
    id: 'python-requirements',
    summary: 'requirements*.txt / *.in and requirements/ folders',
    matches: (path, name, ext) => isRequirementsFile(path, name, ext),
    analyse: ({ path, lines }, analysis) => analyseRequirements(path, lines(), analysis),
  },
  {
    id: 'pyproject',
    summary: 'pyproject.toml dependencies (PEP 621, Poetry, PDM)',
    names: ['pyproject.toml'],
    analyse: ({ path, text, lines }, analysis) => analysePyproject(path, text, lines(), analysis),
  },
  {
    id: 'pipfile',
    summary: 'Pipfile packages',
    names: ['pipfile'],
    analyse: ({ path, text, lines }, analysis) => analysePipfile(path, text, lines(), analysis),
  },
  {
    id: 'setup-py',
    summary: 'setup.py install_requires',
    names: ['setup.py'],
    analyse: ({ path, text, lines }, analysis) => analyseSetupPy(path, text, lines(), analysis),
  },
  {
    id: 'setup-cfg',
    summary: 'setup.cfg install_requires',
    names: ['setup.cfg'],
    analyse: ({ path, lines }, analysis) => analyseSetupCfg(path, lines(), analysis),
  },
  {
    id: 'conda-environment',
    summary: 'conda environment.yml dependencies',
    names: ['environment.yml', 'environment.yaml'],
    analyse: ({ path, text, lines }, analysis) => analyseCondaEnvironment(path, text, lines(), analysis),
  },
  {
    id: 'go-mod',
    summary: 'go.mod requirements',
    names: ['go.mod'],
    analyse: ({ path, lines }, analysis) => analyseGoMod(path, lines(), analysis),
  },
  {
    id: 'maven-pom',
    summary: 'pom.xml dependencies',
    names: ['pom.xml'],
    analyse: ({ path, text, lines }, analysis) => analysePom(path, text, lines(), analysis),
  },
  {
    id: 'gradle',
    summary: 'build.gradle(.kts) dependencies',
    names: ['build.gradle', 'build.gradle.kts'],
    analyse: ({ path, text, lines }, analysis) => analyseGradle(path, text, lines(), analysis),
  },
  {
    id: 'gemfile',
    summary: 'Gemfile gems',
    names: ['gemfile'],
    analyse: ({ path, lines }, analysis) => analyseGemfile(path, lines(), analysis),
  },
  {
    id: 'cargo',
    summary: 'Cargo.toml dependencies',
    names: ['cargo.toml'],
    analyse: ({ path, text, lines }, analysis) => analyseCargo(path, text, lines(), analysis),
  },
  {
    id: 'composer',
    wholeDocument: true,
    summary: 'composer.json requirements',
    names: ['composer.json'],
    maxChars: NO_LIMIT,
    analyse: ({ path, text, lines }, analysis) => analyseComposer(path, text, lines(), analysis),
  },
  {
    id: 'dotnet-project',
    summary: '.csproj / .fsproj / .vbproj package references',
    extensions: ['.csproj', '.fsproj', '.vbproj'],
    analyse: ({ path, text, lines }, analysis) => analyseCsproj(path, text, lines(), analysis),
  },
  {
    id: 'dockerfile',
    summary: 'Dockerfile / Containerfile: serving images, model downloads, unit root',
    matches: (_path, name) => isDockerfileName(name),
    analyse({ path, text }, analysis) {
      analysis.entryPoint = { kind: 'dockerfile', root: dirname(path) };
      analyseServingContainers(path, text, analysis);
      analyseDownloads(path, hashComments(text), analysis, 'dockerfile');
    },
  },
  {
    id: 'ollama-modelfile',
    summary: 'Ollama Modelfiles: the FROM base model (library tag, hf.co GGUF repository)',
    matches: (_path, name) => isModelfileName(name),
    analyse: ({ path, text }, analysis) => analyseModelfile(path, text, analysis),
  },
  {
    id: 'ci-workflow',
    summary: 'GitHub Actions workflows: AI actions, model env, downloads',
    // The workflow pattern ends in .yml or .yaml: the extension rules most files out first.
    matches: (path, _name, ext) => (ext === '.yml' || ext === '.yaml') && isWorkflowPath(path),
    analyse: ({ path, text, lines }, analysis) => analyseWorkflow(path, text, lines(), analysis),
  },
  {
    id: 'env-file',
    summary: '.env, .env.* and *.env: KEY=value definitions for env resolution',
    matches: (_path, name) => isEnvFileName(name),
    analyse({ path, text }, analysis) {
      analyseEnvFile(text, analysis);
      assignmentSites(path, text, analysis, 'config:env');
    },
  },
  {
    id: 'model-card',
    summary: 'README.md model cards (base_model, summary line)',
    names: ['readme.md'],
    analyse: ({ path, text, lines }, analysis) => analyseReadme(path, text, lines(), analysis),
  },
  {
    id: 'notebook',
    wholeDocument: true,
    summary: 'Jupyter notebooks: Python cells as code, shell cells as downloads',
    extensions: ['.ipynb'],
    analyse: ({ path, text, lines }, analysis) => analyseNotebook(path, text, lines(), analysis),
  },
  {
    id: 'terraform',
    summary: 'Terraform: Azure OpenAI deployments, Bedrock, SageMaker, Vertex resources',
    extensions: ['.tf', '.tfvars'],
    analyse({ path, ext, text }, analysis) {
      analyseTerraform(path, text, analysis);
      if (ext === '.tfvars') assignmentSites(path, text, analysis, 'config:tfvars');
    },
  },
  {
    id: 'bicep',
    summary: 'Bicep: Azure OpenAI deployments and parameters',
    extensions: ['.bicep'],
    analyse: ({ path, text }, analysis) => analyseBicep(path, text, analysis),
  },
  {
    id: 'properties',
    summary: 'Java .properties model keys',
    extensions: ['.properties'],
    analyse: ({ path, lines }, analysis) => analyseProperties(path, lines(), analysis),
  },
  {
    id: 'shell-script',
    summary: 'shell scripts, Makefiles, Justfiles, Procfiles: model downloads and serving commands',
    names: ['makefile', 'justfile', 'procfile'],
    extensions: ['.sh', '.bash', '.zsh', '.mk'],
    analyse: ({ path, text }, analysis) => analyseDownloads(path, hashComments(text), analysis, 'script'),
  },
  {
    id: 'mcp-config',
    wholeDocument: true,
    summary:
      'MCP client configurations (.mcp.json, .vscode/.cursor mcp.json, Claude Desktop, Cline): configured MCP servers',
    matches: (_path, name) => isMcpConfigName(name),
    analyse({ path, text }, analysis) {
      analyseMcpConfig(path, text, analysis);
      // The agent these servers serve is configured for the folder that holds the editor/config folder.
      const dir = dirname(path);
      const root = /(?:^|\/)\.(?:vscode|cursor|claude|roo|windsurf)$/.test(dir) ? dirname(dir) : dir;
      if ((analysis.components ?? []).length > 0) analysis.entryPoint = { kind: 'manifest', root };
    },
  },
  {
    id: 'json-config',
    wholeDocument: true,
    summary: 'JSON: ARM and CloudFormation templates, else model keys in config',
    extensions: ['.json'],
    maxChars: NO_LIMIT,
    analyse({ path, name, text, lines }, analysis) {
      if (IGNORED_JSON.test(name)) return;
      if (looksLikeParametersFile(name, text) && analyseParametersFile(path, text, analysis)) return;
      if (looksLikeArmTemplate(text)) return analyseArmTemplate(path, text, lines(), analysis);
      if (looksLikeCloudFormation(text)) return analyseCloudFormation(path, text, analysis);
      analyseStructuredConfig(path, text, lines, analysis);
    },
  },
  {
    id: 'yaml-config',
    summary:
      'YAML: CloudFormation, LiteLLM proxy configs, compose / Kubernetes / Helm (values and templates reading them) / KServe / Seldon / Ray Serve serving, else model keys in config',
    extensions: ['.yaml', '.yml'],
    analyse({ path, name, text, lines }, analysis) {
      if (looksLikeCloudFormation(text)) return analyseCloudFormation(path, text, analysis);
      if (looksLikeLiteLLMConfig(text)) return analyseLiteLLMConfig(path, text, analysis);
      if (looksLikeNemoRails(text)) analyseGuardrailConfig(path, text, analysis);
      const container =
        isComposeName(name) ||
        isHelmValuesName(name) ||
        (text.includes('apiVersion:') && /^\s*apiVersion:/m.test(text) && /^\s*kind:/m.test(text)) ||
        (text.includes('applications:') && /^applications:/m.test(text) && text.includes('import_path')) ||
        text.includes('{{');
      if (container) {
        analyseServingContainers(path, text, analysis);
        // A compose file that runs a model server deploys that server itself: its folder is a unit.
        if (
          isComposeName(name) &&
          analysis.findings.some((f) => f.evidence.detector === 'infra:serving-image')
        )
          analysis.entryPoint = { kind: 'dockerfile', root: dirname(path) };
        collectContainerEnv(clipLongLines(text), analysis);
        containerEnvSites(path, clipLongLines(text), analysis);
        analyseDownloads(path, hashComments(text), analysis, 'container');
        // Templates do not parse as YAML; their model and serving lines are evidence (the values
        // they read are found in values*.yaml).
        if (text.includes('{{')) return helmTemplateSites(path, text, analysis);
        if (isHelmValuesName(name)) helmValuesDefinitions(path, text, analysis);
      }
      analyseStructuredConfig(path, text, lines, analysis);
      // Framework config reading a provider's key or endpoint (`api_key: '%env(OPENAI_API_KEY)%'`).
      configSettingSites(path, clipLongLines(text), analysis);
    },
  },
  {
    id: 'toml-config',
    summary: 'TOML: model keys in config',
    extensions: ['.toml'],
    analyse: ({ path, text, lines }, analysis) => analyseStructuredConfig(path, text, lines, analysis),
  },
  {
    id: 'source-code',
    summary:
      'source code in every language of the language table: imports, clients, model ids, env and defaults',
    extensions: CODE_EXTENSIONS,
    mayMatch: mayUseAiBytes,
    analyse: ({ path, text }, analysis) => analyseCode(path, text, analysis),
  },
];

/** Lockfiles pin versions of every dependency: they name packages, not what the project uses. */
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

/** Generated files no detector should read even though their extension is wanted. */
const isGenerated = (name: string): boolean =>
  LOCKFILES.has(name) || name.endsWith('.d.ts') || /\.min\.[cm]?js$/.test(name);

// Indexes into DETECTORS, so the per-file question costs two map lookups and a few path tests, not a
// walk over every detector. Maps, not objects: a name read from disk never finds Object.prototype's entries.
const byName = new Map<string, number>();
const byExtension = new Map<string, number>();
const withMatcher: number[] = [];
DETECTORS.forEach((detector, index) => {
  for (const name of detector.names ?? []) if (!byName.has(name)) byName.set(name, index);
  for (const ext of detector.extensions ?? []) if (!byExtension.has(ext)) byExtension.set(ext, index);
  if (detector.matches) withMatcher.push(index);
});

/**
 * The detector that analyses the file at `path`: the first in DETECTORS that wants it (what a linear
 * `DETECTORS.find(wants)` answers, which a test checks), or undefined when none does.
 */
export function detectorFor(path: string): Detector | undefined {
  // A file is asked about two or three times in a row (is it a candidate, head only, which detector).
  if (path === lastPath) return lastDetector;
  lastDetector = findDetector(path);
  lastPath = path;
  return lastDetector;
}

let lastPath: string | undefined;
let lastDetector: Detector | undefined;

function findDetector(path: string, name = basename(path).toLowerCase()): Detector | undefined {
  const ext = extname(path);
  let best = Math.min(
    byName.get(name) ?? Infinity,
    ext === '' ? Infinity : (byExtension.get(ext) ?? Infinity),
  );
  for (const index of withMatcher) {
    if (index >= best) break;
    if (DETECTORS[index]?.matches?.(path, name, ext)) best = index;
  }
  return DETECTORS[best];
}

/**
 * Cheap filter on the path alone: is this file worth reading at all? True when a detector wants it and
 * it is not vendored, a test, a lockfile or generated (`.d.ts`, `.min.js`).
 */
export function isCandidatePath(path: string): boolean {
  return candidateDetector(path) !== undefined;
}

/** isCandidatePath and detectorFor in one question: the detector that reads the file, if it is a candidate. */
export function candidateDetector(path: string): Detector | undefined {
  if (isVendoredPath(path) || isTestPath(path)) return undefined;
  const name = basename(path).toLowerCase();
  if (isGenerated(name)) return undefined;
  if (path !== lastPath) {
    lastDetector = findDetector(path, name);
    lastPath = path;
  }
  return lastDetector;
}

/** Model files: read only the head bytes (and hash the rest), never the whole file. */
export function wantsHeadOnly(path: string): boolean {
  return detectorFor(path)?.headOnly === true;
}
