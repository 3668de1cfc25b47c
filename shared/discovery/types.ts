// Shapes passed between the scanner, the per-file detectors and the report assembler.
import type { Component, Finding, ProviderId } from './findings';

/** One file as the scanner hands it over. */
export interface SourceFile {
  /** Posix path relative to the scan target. */
  path: string;
  /** Decoded text; absent for binary files. */
  text?: string;
  /** First bytes (≤ 64 KiB) for binary / model files. */
  head?: Uint8Array;
  size: number;
  contentHash?: string;
}

/** What makes a file the root of a deployable unit. */
export interface EntryPointHint {
  kind: 'manifest' | 'dockerfile' | 'workflow' | 'notebook';
  /** Unit root: the file's folder for manifests, the file itself for workflows. */
  root: string;
  name?: string;
  description?: string;
}

export type Ecosystem = 'npm' | 'pypi' | 'go' | 'maven' | 'gem' | 'cargo' | 'composer' | 'nuget' | 'conda';

export interface DeclaredDependency {
  ecosystem: Ecosystem;
  name: string;
  /** Version spec as written ('^0.2.0', '==0.1.8', '>=1,<2'); absent when unconstrained. */
  version?: string;
}

/** A library call that relies on the library's built-in default model. */
export interface DefaultRequest {
  /** Key into the defaults table, e.g. 'langchain-openai:ChatOpenAI'. */
  key: string;
  finding: Finding;
}

/** An Azure OpenAI deployment declared in IaC: deployment name → underlying model. */
export interface DeploymentDefinition {
  name: string;
  model: string;
  version?: string;
  path: string;
  line: number;
}

/**
 * A module-level constant with a model-ish name (`CHAT_MODEL = "llama3.1:8b"`, `export const MODEL = '…'`,
 * `MODEL = os.getenv("MODEL", "…")`), kept for model arguments in other files that name it.
 */
export interface ConstantDefinition {
  name: string;
  /** The literal value, or the in-code default of an env lookup. */
  value?: string;
  /** The env variable the constant reads, when it is an env lookup. */
  env?: string;
  /**
   * Another constant this one only renames or copies (`CHAT_MODEL = DEFAULT_MODEL`,
   * `export { MODEL as CHAT_MODEL } from './m'`, `from .m import MODEL as CHAT_MODEL`): its value is that one's.
   */
  alias?: string;
  /** Where the constant is defined: the evidence of a model resolved through it. */
  finding: Finding;
}

/** A model argument naming a constant instead of a literal (`model=CHAT_MODEL`, `from_pretrained(MODEL_ID)`). */
export interface ConstantReference {
  name: string;
  /** What the constant is passed as: 'model', 'deployment', 'from_pretrained', … */
  key: string;
  path: string;
  /** Where the reference is made: evidence of the model's use site. */
  line: number;
  snippet: string;
  /** Providers the referencing file talks to: they decide how the constant's value is read. */
  providers: ProviderId[];
  /** A non-Azure OpenAI client is used where the reference is made. */
  strongOpenAI: boolean;
}

export interface FileAnalysis {
  findings: Finding[];
  /** Env-like definitions this file makes (KEY → value): .env, IaC params/variables, app settings. */
  envDefinitions: Record<string, string>;
  entryPoint?: EntryPointHint;
  /** AI-relevant dependencies declared by a manifest (used to pick library defaults). */
  dependencies?: DeclaredDependency[];
  defaultRequests?: DefaultRequest[];
  deployments?: DeploymentDefinition[];
  /**
   * ML libraries this file imports only for utilities (scikit-learn metrics or data splits): a manifest
   * declaring them is no AI component unless other code uses them for a model.
   */
  utilityImports?: ProviderId[];
  constants?: ConstantDefinition[];
  constantRefs?: ConstantReference[];
  /** The file is ML code (sklearn, joblib, torch…): sibling pickles count as models. */
  mlContext?: boolean;
  /** Findings kept only when the same folder has ML context (pickles outside a models/ folder). */
  contextualFindings?: Finding[];
  /**
   * `vendor/model` arguments no provider of the file explains: models only where the unit calls an
   * OpenAI-compatible gateway (OpenRouter, Portkey, a LiteLLM proxy) from another file.
   */
  gatewayCandidates?: Finding[];
  /** Agent tools, MCP servers, retrieval sources and guardrails this file declares. */
  components?: Component[];
  /** One-line description (README first line) for purpose inference. */
  summary?: string;
  /** Coarse use hints ('chat', 'embeddings', 'fine-tuning', …) for purpose inference. */
  purposeHints?: string[];
  /** Problems worth telling the user (unparseable manifest…); the file was still analysed. */
  warnings?: string[];
}

export interface ProviderHit {
  provider: ProviderId;
  supersededBy?: ProviderId[];
}

export function emptyAnalysis(): FileAnalysis {
  return { findings: [], envDefinitions: {} };
}

/**
 * Nothing found: detectors only ever add entries or fields to emptyAnalysis(), so an analysis with no
 * findings, no definitions and no other field contributes nothing to a report (most files, in practice).
 */
export function isEmptyAnalysis(analysis: FileAnalysis): boolean {
  if (analysis.findings.length > 0 || Object.keys(analysis.envDefinitions).length > 0) return false;
  for (const key of Object.keys(analysis)) if (key !== 'findings' && key !== 'envDefinitions') return false;
  return true;
}
