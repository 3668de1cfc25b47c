// The discovery contract: the findings detectors emit, the systems grouping builds, and what a scan reports.
// Detectors are pure (path, content) → findings; grouping turns findings into AI systems.
import { z } from 'zod';

/** Canonical provider / framework ids. Extend here, and document in the README. */
export const ProviderId = z.enum([
  'openai',
  'azure-openai',
  'anthropic',
  'google-genai',
  'vertex-ai',
  'aws-bedrock',
  'mistral',
  'cohere',
  'huggingface-hub',
  'transformers',
  'peft',
  'pytorch',
  'tensorflow',
  'scikit-learn',
  'xgboost',
  'onnxruntime',
  'llama-cpp',
  'ollama',
  'langchain',
  'llamaindex',
  'vercel-ai-sdk',
  'pinecone',
  'faiss',
  'vllm',
  'tgi',
  'triton',
  'github-models',
  'aws-sagemaker',
  'sentence-transformers',
  'semantic-kernel',
  'spring-ai',
  'langchain4j',
  'coreml',
  // Gateways and OpenAI-compatible endpoints: the supplier actually called.
  'litellm',
  'openrouter',
  'portkey',
  'groq',
  'together-ai',
  'fireworks-ai',
  'deepseek',
  'xai',
  'perplexity',
  // Serving platforms named by their own configuration.
  'kserve',
  'ray-serve',
  'seldon',
  // Agents, tools, retrieval and guardrails.
  'mcp',
  'crewai',
  'nemo-guardrails',
  'guardrails-ai',
]);
export type ProviderId = z.infer<typeof ProviderId>;

/** How firmly a model reference is pinned. */
export const Pinning = z.enum(['snapshot', 'version', 'hash', 'floating', 'implicit-default', 'unknown']);
export type Pinning = z.infer<typeof Pinning>;

export const FindingKind = z.enum([
  'dependency',
  'import',
  'client',
  'model-id',
  'model-file',
  'config',
  'infra',
  'workflow',
  'download',
  'model-card',
  'dataset',
]);
export type FindingKind = z.infer<typeof FindingKind>;

export const Confidence = z.enum(['high', 'medium', 'low']);
export type Confidence = z.infer<typeof Confidence>;

export const Evidence = z.object({
  path: z.string(),
  line: z.number().int().nonnegative(),
  detector: z.string(),
  confidence: Confidence,
  snippet: z.string().max(200),
});
export type Evidence = z.infer<typeof Evidence>;

export const ModelRef = z.object({
  id: z.string().min(1),
  provider: ProviderId.optional(),
  pinning: Pinning,
  /**
   * How the id was found: 'literal', 'config', 'file', 'env:OPENAI_MODEL@.env.example',
   * 'deployment:chat@infra/main.bicep', 'default:langchain-openai@0.1.0', 'model-card:base_model', …
   */
  resolvedFrom: z.string(),
  /** Content hash for local model files (sha256 of the bytes read). */
  contentHash: z.string().optional(),
  /** On-disk format of a local model file: 'gguf', 'safetensors', 'onnx', … */
  format: z.string().optional(),
  /** Azure OpenAI deployment name this model is served under, when known. */
  deployment: z.string().optional(),
  /**
   * Model version fixed apart from the id (an Azure deployment's `model.version`): part of the model's
   * identity, so a version-only change is a different model.
   */
  version: z.string().optional(),
  /** The gateway or endpoint actually called, when it is not the model's vendor (LiteLLM, OpenRouter…). */
  supplier: ProviderId.optional(),
  /** Every place the system declares, loads or calls this model (first 100), for per-site change triggers. */
  sites: z.array(z.object({ path: z.string(), line: z.number().int().nonnegative() })).optional(),
});
export type ModelRef = z.infer<typeof ModelRef>;

export const Finding = z.object({
  kind: FindingKind,
  provider: ProviderId.optional(),
  model: ModelRef.optional(),
  dataset: z.string().optional(),
  /** An env var the model id comes from, still to be resolved across files. */
  envRef: z.string().optional(),
  /**
   * Weak provider evidence: drop this finding's provider from a system that has any of these providers
   * (the `openai` package is also the Azure OpenAI client, so it says little once Azure is seen).
   */
  supersededBy: z.array(ProviderId).optional(),
  /**
   * Facts of an IaC deployment whose model comes through `envRef` (a Terraform variable, a Bicep
   * parameter): applied to the model once the variable is resolved across files.
   */
  pending: z
    .object({
      deployment: z.string().optional(),
      version: z.string().optional(),
      /** Variable the version comes from, resolved like the model's. */
      versionRef: z.string().optional(),
    })
    .optional(),
  /** A model id as written when a routing prefix was read off it (`anthropic/claude-3.5-sonnet`). */
  written: z.string().optional(),
  evidence: Evidence,
});
export type Finding = z.infer<typeof Finding>;

/** Agent tools, MCP servers, retrieval sources and guardrails: parts of a system that act or inform it. */
export const ComponentKind = z.enum(['mcp-server', 'tool', 'retrieval', 'guardrail']);
export type ComponentKind = z.infer<typeof ComponentKind>;

export const Component = z.object({
  kind: ComponentKind,
  /** Server key, tool function name, collection/index name, or guardrail config path. */
  name: z.string().min(1),
  /** Framework or protocol that declares it ('mcp', 'langchain', 'crewai', 'chroma', …). */
  via: z.string().optional(),
  /** A tool that acts (sends, writes, deletes, executes) rather than only reads. */
  acts: z.boolean().optional(),
  evidence: Evidence,
});
export type Component = z.infer<typeof Component>;

export const DiscoveredSystem = z.object({
  /** Stable id derived from the root path, e.g. 'sys-apps-support-bot'. */
  id: z.string(),
  name: z.string(),
  purpose: z.string(),
  /** Deployable unit root, relative to the scan target ('.' for the whole tree). */
  root: z.string(),
  providers: z.array(ProviderId),
  models: z.array(ModelRef),
  datasets: z.array(z.string()),
  evidence: z.array(Evidence),
  components: z.array(Component).optional(),
  /** Declared AI/ML libraries of the unit (manifest name and version spec), for SBOM export. */
  libraries: z
    .array(z.object({ ecosystem: z.string(), name: z.string(), version: z.string().optional() }))
    .optional(),
});
export type DiscoveredSystem = z.infer<typeof DiscoveredSystem>;

/** What a scan looked at: the denominator every "nothing found" depends on. */
export const ScanCoverage = z.object({
  /** Files read and analysed. */
  read: z.number().int().nonnegative(),
  /** Files passed over, by reason ('not a candidate', 'ignored', 'too large', 'binary', 'symlink', …). */
  skipped: z.record(z.string(), z.number().int().nonnegative()),
  /** Files that could not be read (permissions, I/O errors, vanished during the scan). */
  unreadable: z.number().int().nonnegative(),
  /** Folders with at least one unreadable file or that could not be listed: their status is unknown, not clean. */
  unknownFolders: z.array(z.string()),
});
export type ScanCoverage = z.infer<typeof ScanCoverage>;

export const ScanReport = z.object({
  target: z.string(),
  scannedFiles: z.number().int().nonnegative(),
  coverage: ScanCoverage.optional(),
  systems: z.array(DiscoveredSystem),
  warnings: z.array(z.string()),
});
export type ScanReport = z.infer<typeof ScanReport>;
