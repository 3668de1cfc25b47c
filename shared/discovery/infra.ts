// Infrastructure: model-serving containers (compose, Kubernetes, Helm, Dockerfile) and cloud AI
// resources in Terraform, Bicep, ARM and CloudFormation.
import { stripComments } from './comments';
import type { Finding, ProviderId } from './findings';
import { azureVersionPinning, classifyHuggingFaceId, classifyModelId, classifyOllamaTag } from './model-ids';
import { basename, extname } from './paths';
import { dockerfileVariables, expandLines } from './substitute';
import { LineIndex, clipLongLines, makeFinding } from './text';
import type { DeploymentDefinition, FileAnalysis } from './types';

// ---------------------------------------------------------------- serving containers

const SERVING_IMAGES: Array<[RegExp, ProviderId]> = [
  [/(?:^|\/)ollama\/ollama(?::|@|$)/, 'ollama'],
  [/(?:^|\/)vllm\/vllm-openai(?::|@|$)|(?:^|\/)vllm(?::|$)/, 'vllm'],
  [/huggingface\/text-generation-inference(?::|@|$)/, 'tgi'],
  [/huggingface\/text-embeddings-inference(?::|@|$)/, 'tgi'],
  [/nvidia\/tritonserver(?::|@|$)/, 'triton'],
  [/(?:ggerganov|ggml-org)\/llama\.cpp(?::|@|$)/, 'llama-cpp'],
  [/(?:^|\/)berriai\/litellm(?:-database)?(?::|@|$)/, 'litellm'],
];

/** `image: x`, a Dockerfile `FROM x`, or a Helm values `image: { repository: x, tag: … }`. */
const IMAGE_LINE =
  /(?:^|\s)(?:-\s+)?(?:image:|repository:|FROM\s+(?:--platform=\S+\s+)?)[ \t]*["']?([\w./:@-]{3,200})["']?/gm;
/** --model org/name, --model-id=org/name, "--model", "org/name", YAML list continuation. */
const MODEL_FLAG =
  /--model(?:-id|-name|_id)?(?:=|["']?,?[ \t]{1,40}|["']?[ \t]*\n[ \t]*-[ \t]{1,10})["']?([A-Za-z0-9][\w./:-]{1,150})/g;
const VLLM_SERVE = /\bvllm\s+serve\s+["']?([A-Za-z0-9][\w./:-]{1,150})/g;
const MODEL_ENV =
  /\b(?:MODEL_ID|MODEL_NAME|HF_MODEL_ID|MODEL)\b["']?[ \t]*(?:[:=]|\r?\n[ \t]*value:)[ \t]*["']?([A-Za-z0-9][\w./:-]{1,150})/g;
const OLLAMA_CMD = /\bollama\s+(?:pull|run)\s+["']?([a-z0-9][\w./:-]{0,150})/g;

/** Serving platforms recognised by their own resource kinds or config shape, not by an image. */
const SERVING_KINDS: Array<[RegExp, ProviderId]> = [
  [
    /^\s*apiVersion:\s*["']?serving\.kserve\.io\/|^\s*kind:\s*["']?(?:InferenceService|ServingRuntime|ClusterServingRuntime)\b/m,
    'kserve',
  ],
  [
    /^\s*apiVersion:\s*["']?(?:machinelearning|mlops)\.seldon\.io\/|^\s*kind:\s*["']?SeldonDeployment\b/m,
    'seldon',
  ],
  [
    /^\s*apiVersion:\s*["']?ray\.io\/[\w.]+["']?\s*\n\s*kind:\s*["']?RayService\b|^\s*applications:\s*\n(?:[^\n]*\n){0,40}?\s*-?\s*import_path:/m,
    'ray-serve',
  ],
];
/** YAML keys that hold a Hub id in serving platforms' own configs (Ray Serve args, KServe env, Seldon parameters). */
const MODEL_KEY_YAML =
  /(?:^|[\s{,])["']?(?:model_id|model_name|model|hf_model_id|pretrained_model_name_or_path)["']?[ \t]*:[ \t]*["']?([A-Za-z0-9][\w./:-]{1,150})/gm;
/** KServe / Seldon storage URIs pointing at the Hub: `hf://org/name`. */
const HF_STORAGE_URI = /\bhf:\/\/([A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95})/g;
const SERVING_GATE =
  /litellm|ollama|vllm|text-generation-inference|text-embeddings-inference|tritonserver|llama\.cpp|kserve|seldon|import_path|RayService/;

export function analyseServingContainers(path: string, text: string, analysis: FileAnalysis): void {
  if (!SERVING_GATE.test(text)) return;
  const raw = stripComments(clipLongLines(text), 'hash');
  // `--model ${MODEL:-org/name}` and `$MODEL` with a Dockerfile's ARG/ENV defaults read as their value.
  const dockerfile = /^\s*FROM\s/im.test(raw) && !/\.ya?ml$/i.test(path);
  const live = expandLines(raw, dockerfile ? dockerfileVariables(raw) : {});
  const index = new LineIndex(live);
  const shown = new LineIndex(raw);
  const providers = new Set<ProviderId>();
  const emitPlatform = (provider: ProviderId, offset: number, detector: string): void => {
    providers.add(provider);
    const line = index.lineOf(offset);
    analysis.findings.push(
      makeFinding({
        kind: 'infra',
        path,
        line,
        detector,
        confidence: 'high',
        snippet: shown.lineText(line),
        provider,
      }),
    );
  };
  for (const m of live.matchAll(IMAGE_LINE)) {
    const image = m[1] ?? '';
    for (const [re, provider] of SERVING_IMAGES) {
      if (re.test(image)) emitPlatform(provider, m.index ?? 0, 'infra:serving-image');
    }
  }
  for (const [re, provider] of SERVING_KINDS) {
    const m = re.exec(live);
    if (m) emitPlatform(provider, m.index + (m[0].length - m[0].trimStart().length), 'infra:serving-config');
  }
  if (providers.size === 0) return;
  const hfServer: ProviderId | undefined = (
    ['vllm', 'tgi', 'triton', 'kserve', 'seldon', 'ray-serve'] as const
  ).find((p) => providers.has(p));
  const revision =
    /--revision(?:=|["']?,?[ \t]{1,40}|["']?[ \t]*\n[ \t]*-[ \t]{1,10})["']?([\w.-]{1,64})/.exec(live)?.[1];
  const seen = new Set<string>();
  const addModel = (value: string, offset: number, provider: ProviderId): void => {
    const line = index.lineOf(offset);
    const hf = provider === 'ollama' ? classifyOllamaTag(value) : classifyHuggingFaceId(value, revision);
    if (!hf || seen.has(`${line}|${hf.id}`)) return;
    seen.add(`${line}|${hf.id}`);
    analysis.findings.push(
      makeFinding({
        kind: 'infra',
        path,
        line,
        detector: 'infra:serving-model',
        confidence: 'high',
        snippet: shown.lineText(line),
        provider,
        model: { id: hf.id, provider: hf.provider, pinning: hf.pinning, resolvedFrom: 'config' },
      }),
    );
  };
  if (hfServer) {
    const patterns = [MODEL_FLAG, VLLM_SERVE, MODEL_ENV, HF_STORAGE_URI];
    if (providers.has('kserve') || providers.has('seldon') || providers.has('ray-serve'))
      patterns.push(MODEL_KEY_YAML);
    for (const re of patterns) {
      for (const m of live.matchAll(re))
        if (m[1] && m[1].includes('/')) addModel(m[1], m.index ?? 0, hfServer);
    }
  }
  if (providers.has('ollama')) {
    for (const m of live.matchAll(OLLAMA_CMD)) if (m[1]) addModel(m[1], m.index ?? 0, 'ollama');
  }
}

/** docker-compose / Kubernetes env entries become env definitions for code that reads them. */
export function collectContainerEnv(text: string, analysis: FileAnalysis): void {
  for (const m of text.matchAll(
    /^[ \t]*-?[ \t]*([A-Z][A-Z0-9_]{1,80})[ \t]*[:=][ \t]*["']?([^"'\n#]{1,200})["']?[ \t]*$/gm,
  )) {
    if (m[1] && m[2] && /MODEL|DEPLOYMENT|LLM/.test(m[1])) analysis.envDefinitions[m[1]] = m[2].trim();
  }
  for (const m of text.matchAll(
    /-[ \t]*name:[ \t]*["']?([A-Za-z_][\w]{0,80})["']?[ \t]*\n[ \t]*value:[ \t]*["']?([^"'\n#]{1,200})["']?/g,
  )) {
    if (m[1] && m[2]) analysis.envDefinitions[m[1]] = m[2].trim();
  }
}

// ---------------------------------------------------------------- shared block helpers

/** Text of the `{ … }` block opening at or after `from`, bounded. */
function blockAfter(text: string, from: number, limit = 20_000): { body: string; start: number } | undefined {
  const open = text.indexOf('{', from);
  if (open === -1 || open - from > 400) return undefined;
  let depth = 0;
  const end = Math.min(text.length, open + limit);
  for (let i = open; i < end; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return { body: text.slice(open + 1, i), start: open + 1 };
    }
  }
  return { body: text.slice(open + 1, end), start: open + 1 };
}

interface InfraEmit {
  path: string;
  index: LineIndex;
  analysis: FileAnalysis;
  detector: string;
}

/** One high-confidence infra finding at `offset`, with a model when one is named. */
function emitProvider(e: InfraEmit, offset: number, provider: ProviderId, model?: Finding['model']): void {
  const line = e.index.lineOf(offset);
  e.analysis.findings.push(
    makeFinding({
      kind: 'infra',
      path: e.path,
      line,
      detector: e.detector,
      confidence: 'high',
      snippet: e.index.lineText(line),
      provider,
      model,
    }),
  );
}

function emitModel(
  e: InfraEmit,
  offset: number,
  provider: ProviderId,
  id: string,
  pinning: ReturnType<typeof azureVersionPinning>,
  deployment?: string,
  version?: string,
): void {
  emitProvider(e, offset, provider, {
    id,
    provider,
    pinning,
    resolvedFrom: 'config',
    ...(deployment ? { deployment } : {}),
    ...(version ? { version } : {}),
  });
}

/** Distinctive model ids anywhere inside an AI resource block (Bedrock agents, CFN resources…). */
function emitLiteralModels(e: InfraEmit, body: string, bodyStart: number, quote: RegExp): void {
  for (const m of body.matchAll(quote)) {
    const cls = classifyModelId(m[1] ?? '');
    if (cls) emitModel(e, bodyStart + (m.index ?? 0), cls.provider, cls.id, cls.pinning);
  }
}

/**
 * An Azure OpenAI deployment: its model, and its version as part of the model's identity. The finding
 * sits on the version line when there is one (a version bump changes that line), else on the model's.
 */
function recordDeployment(
  e: InfraEmit,
  offset: number,
  name: string,
  model: string,
  version: string | undefined,
  versionOffset?: number,
): void {
  const at = version !== undefined && versionOffset !== undefined ? versionOffset : offset;
  const deployment: DeploymentDefinition = {
    name,
    model,
    path: e.path,
    line: e.index.lineOf(at),
    ...(version ? { version } : {}),
  };
  e.analysis.deployments = [...(e.analysis.deployments ?? []), deployment];
  emitModel(e, at, 'azure-openai', model, azureVersionPinning(version), name, version);
  if (at !== offset) emitProvider(e, offset, 'azure-openai');
}

// ---------------------------------------------------------------- Terraform

const TF_RESOURCE = /\b(resource|data)\s+"([\w-]+)"\s+"[\w-]+"\s*\{/g;
const TF_VARIABLE = /\bvariable\s+"([\w-]+)"\s*\{/g;
const TF_STRING = /"([^"\n]{1,200})"/g;

function tfAttr(body: string, name: string): string | undefined {
  return new RegExp(`(?:^|\\n)\\s*${name}\\s*=\\s*(?:"([^"\\n]{1,200})"|(var\\.[\\w-]+|local\\.[\\w-]+))`)
    .exec(body)
    ?.slice(1)
    .find(Boolean);
}

export function analyseTerraform(path: string, text: string, analysis: FileAnalysis): void {
  const live = stripComments(clipLongLines(text), 'hcl');
  const e: InfraEmit = { path, index: new LineIndex(live), analysis, detector: 'infra:terraform' };
  const vars: Record<string, string> = {};
  for (const m of live.matchAll(TF_VARIABLE)) {
    const block = blockAfter(live, (m.index ?? 0) + m[0].length - 1);
    const def = block ? /\bdefault\s*=\s*"([^"\n]{1,200})"/.exec(block.body)?.[1] : undefined;
    if (m[1] && def) {
      vars[m[1]] = def;
      analysis.envDefinitions[m[1]] = def;
    }
  }
  for (const m of live.matchAll(/^\s*([\w-]+)\s*=\s*"([^"\n]{1,200})"\s*$/gm)) {
    // *.tfvars assignments override defaults.
    if (extname(path) === '.tfvars' && m[1] && m[2]) analysis.envDefinitions[m[1]] = m[2];
  }
  const taken: Array<[number, number]> = [];
  for (const m of live.matchAll(TF_RESOURCE)) {
    const type = m[2] ?? '';
    const offset = m.index ?? 0;
    const block = blockAfter(live, offset + m[0].length - 1);
    if (!block) continue;
    if (type === 'azurerm_cognitive_deployment') {
      emitProvider(e, offset, 'azure-openai');
      taken.push([block.start, block.start + block.body.length]);
      const modelBlock = /\bmodel\s*\{([^}]{0,2000})\}/.exec(block.body);
      const modelBody = modelBlock?.[1] ?? '';
      const modelStart =
        block.start + (modelBlock?.index ?? 0) + (modelBlock ? modelBlock[0].indexOf('{') + 1 : 0);
      tfDeployment(e, vars, {
        name: tfAttr(block.body, 'name'),
        model: tfAttrAt(modelBody, 'name', modelStart),
        version: tfAttrAt(modelBody, 'version', modelStart),
        offset: block.start + (modelBlock?.index ?? 0),
      });
    } else if (type === 'azurerm_cognitive_account' || type === 'azurerm_ai_services') {
      const kind = tfAttr(block.body, 'kind');
      if (type === 'azurerm_ai_services' || kind === 'OpenAI' || kind === 'AIServices')
        emitProvider(e, offset, 'azure-openai');
    } else if (type.startsWith('aws_bedrock')) {
      emitProvider(e, offset, 'aws-bedrock');
      emitLiteralModels(e, block.body, block.start, TF_STRING);
      for (const ref of block.body.matchAll(/=\s*var\.([\w-]+)/g)) {
        const value = ref[1] ? vars[ref[1]] : undefined;
        const cls = value ? classifyModelId(value) : undefined;
        if (cls) emitModel(e, block.start + (ref.index ?? 0), cls.provider, cls.id, cls.pinning);
      }
    } else if (type.startsWith('google_vertex_ai')) {
      emitProvider(e, offset, 'vertex-ai');
      emitLiteralModels(e, block.body, block.start, TF_STRING);
    } else if (type.startsWith('aws_sagemaker')) {
      emitProvider(e, offset, 'aws-sagemaker');
    }
  }
  tfObjectDeployments(e, live, vars, taken);
}

interface TfDeploymentInput {
  name: string | undefined;
  model: { value: string; offset: number } | undefined;
  version: { value: string; offset: number } | undefined;
  offset: number;
}

/** `name = "x"` or `name = var.x` in a block body, with the value's offset in the file. */
function tfAttrAt(
  body: string,
  name: string,
  bodyStart: number,
): { value: string; offset: number } | undefined {
  const m = new RegExp(
    `(?:^|[\\n{,])[ \\t]*${name}[ \\t]*=[ \\t]*(?:"([^"\\n]{1,200})"|((?:var|local|each\\.value)\\.[\\w.-]+))`,
  ).exec(body);
  const value = m?.[1] ?? m?.[2];
  if (!m || !value) return undefined;
  return { value, offset: bodyStart + m.index + m[0].indexOf(name) };
}

/**
 * One Azure OpenAI deployment from Terraform: literal or file-local values are recorded at once; a model
 * or version named by a variable defined in another file (tfvars, a variables.tf) is resolved across files.
 */
function tfDeployment(e: InfraEmit, vars: Record<string, string>, d: TfDeploymentInput): void {
  const resolve = (raw: string | undefined): { value?: string; ref?: string } => {
    if (!raw) return {};
    const ref = /^(?:var|local)\.([\w-]+)$/.exec(raw)?.[1];
    if (!ref) return raw.startsWith('each.value.') ? {} : { value: raw };
    return vars[ref] !== undefined ? { value: vars[ref] } : { ref };
  };
  const model = resolve(d.model?.value);
  const version = resolve(d.version?.value);
  const name = resolve(d.name).value;
  if (model.value) {
    recordDeployment(
      e,
      d.model?.offset ?? d.offset,
      name ?? model.value,
      model.value,
      version.value,
      d.version?.offset,
    );
    return;
  }
  if (!model.ref) return;
  const at = d.version?.offset ?? d.model?.offset ?? d.offset;
  const line = e.index.lineOf(at);
  e.analysis.findings.push(
    makeFinding({
      kind: 'infra',
      path: e.path,
      line,
      detector: e.detector,
      confidence: 'high',
      snippet: e.index.lineText(line),
      provider: 'azure-openai',
      envRef: model.ref,
      pending: {
        ...(name ? { deployment: name } : {}),
        ...(version.value ? { version: version.value } : {}),
        ...(version.ref ? { versionRef: version.ref } : {}),
      },
    }),
  );
}

/** Offset of the `{` that encloses `at`, or -1. */
function enclosingOpen(text: string, at: number, limit = 4000): number {
  let depth = 0;
  for (let i = at; i >= Math.max(0, at - limit); i--) {
    const c = text[i];
    if (c === '}') depth++;
    else if (c === '{') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/**
 * Deployments written as data: objects with `model_name` (+ `model_version`, `model_format`) in a
 * `locals` map, a variable's default, a tfvars value or a module input (the Azure/openai/azurerm module,
 * AVM's `model = { format, name, version }` objects). The module or map never names a resource type,
 * so the object's own keys are the signal.
 */
function tfObjectDeployments(
  e: InfraEmit,
  live: string,
  vars: Record<string, string>,
  taken: ReadonlyArray<[number, number]>,
): void {
  const inResource = (at: number): boolean => taken.some(([a, b]) => at >= a && at <= b);
  for (const m of live.matchAll(/module\s+"[\w-]+"\s*\{/g)) {
    const block = blockAfter(live, (m.index ?? 0) + m[0].length - 1);
    if (
      block &&
      /\bsource\s*=\s*"[^"\n]*(?:openai|cognitive|ai-?services|ai-foundry)[^"\n]*"/i.test(block.body)
    )
      emitProvider(e, m.index ?? 0, 'azure-openai');
  }
  if (!/\bmodel_name\b|\bmodel\s*=\s*\{/.test(live)) return;
  const seen = new Set<number>();
  for (const m of live.matchAll(/(?:^|[\s{,])(model_name|model)[ \t]*=[ \t]*(["{]|var\.|local\.)/gm)) {
    const keyAt = (m.index ?? 0) + m[0].indexOf(m[1] ?? '');
    if (inResource(keyAt)) continue;
    const open = enclosingOpen(live, keyAt - 1);
    if (open === -1 || seen.has(open)) continue;
    const block = blockAfter(live, open);
    if (!block) continue;
    if (m[1] === 'model_name') {
      seen.add(open);
      // Only Azure-shaped objects: a version or format beside the model, or an Azure file.
      if (!/\bmodel_(?:version|format)\s*=/.test(block.body) && !/azurerm|Azure\/openai/i.test(live))
        continue;
      tfDeployment(e, vars, {
        name: tfAttr(block.body, 'name'),
        model: tfAttrAt(block.body, 'model_name', block.start),
        version: tfAttrAt(block.body, 'model_version', block.start),
        offset: keyAt,
      });
    } else if (m[2] === '{') {
      // AVM: model = { format = "OpenAI", name = "gpt-4o", version = "…" }, deployment name one level up.
      const inner = blockAfter(live, keyAt);
      if (!inner || !/\bformat\s*=\s*"OpenAI"/.test(inner.body)) continue;
      seen.add(open);
      tfDeployment(e, vars, {
        name: tfAttr(block.body, 'name'),
        model: tfAttrAt(inner.body, 'name', inner.start),
        version: tfAttrAt(inner.body, 'version', inner.start),
        offset: keyAt,
      });
    }
  }
}

// ---------------------------------------------------------------- Bicep

const BICEP_RESOURCE =
  /\bresource\s+(\w+)\s+'([\w./-]+)@[\w-]+'\s*=\s*(?:\[\s*for\b[^\]]{0,400}?:\s*)?(?:if\s*\([^)]{0,200}\)\s*)?\{/g;
const BICEP_PARAM = /\bparam\s+(\w+)\s+\w+\s*=\s*'([^'\n]{1,200})'/g;
const BICEP_VAR = /\bvar\s+(\w+)\s*=\s*'([^'\n]{1,200})'/g;

function bicepValue(body: string, key: string, defs: Record<string, string>): string | undefined {
  const m = new RegExp(`(?:^|\\n)\\s*${key}\\s*:\\s*(?:'([^'\\n]{1,200})'|(\\w+))`).exec(body);
  if (!m) return undefined;
  return m[1] ?? (m[2] ? defs[m[2]] : undefined);
}

export function analyseBicep(path: string, text: string, analysis: FileAnalysis): void {
  const live = stripComments(clipLongLines(text), 'bicep');
  const e: InfraEmit = { path, index: new LineIndex(live), analysis, detector: 'infra:bicep' };
  const defs: Record<string, string> = {};
  for (const re of [BICEP_PARAM, BICEP_VAR]) {
    for (const m of live.matchAll(re)) {
      if (m[1] && m[2]) {
        defs[m[1]] = m[2];
        analysis.envDefinitions[m[1]] = m[2];
      }
    }
  }
  // App settings: { name: 'AZURE_OPENAI_DEPLOYMENT', value: chatDeploymentName }.
  for (const m of live.matchAll(
    /\bname[ \t]*:[ \t]*'([A-Za-z_][\w:]{0,80})'[ \t]*\r?[\n,][ \t\r\n]*value[ \t]*:\s*(?:'([^'\n]{1,200})'|([\w.]+))/g,
  )) {
    const value = m[2] ?? (m[3] ? defs[m[3]] : undefined);
    if (m[1] && value) analysis.envDefinitions[m[1]] = value;
  }
  const declared = new Set([...live.matchAll(/\bparam\s+(\w+)\s+\w+/g)].map((m) => m[1] ?? ''));
  const taken: Array<[number, number]> = [];
  for (const m of live.matchAll(BICEP_RESOURCE)) {
    const type = (m[2] ?? '').toLowerCase();
    const offset = m.index ?? 0;
    const block = blockAfter(live, offset + m[0].length - 1);
    if (!block) continue;
    if (type === 'microsoft.cognitiveservices/accounts/deployments') {
      taken.push([block.start, block.start + block.body.length]);
      emitProvider(e, offset, 'azure-openai');
      const modelAt = block.body.search(/\bmodel\s*:\s*\{/);
      const inner = modelAt === -1 ? undefined : blockAfter(block.body, modelAt + 5);
      const modelBody = inner?.body ?? '';
      const modelStart = block.start + (inner?.start ?? 0);
      bicepDeployment(e, defs, declared, {
        name: bicepRaw(block.body, 'name', block.start),
        model: bicepRaw(modelBody, 'name', modelStart),
        version: bicepRaw(modelBody, 'version', modelStart),
        offset: block.start + Math.max(0, modelAt),
      });
    } else if (type === 'microsoft.cognitiveservices/accounts') {
      const kind = bicepValue(block.body, 'kind', defs);
      if (kind === 'OpenAI' || kind === 'AIServices') emitProvider(e, offset, 'azure-openai');
    } else if (type.startsWith('microsoft.machinelearningservices/')) {
      emitLiteralModels(e, block.body, block.start, /'([^'\n]{1,200})'/g);
    }
  }
  bicepObjectDeployments(e, live, defs, declared, taken);
}

interface BicepRaw {
  literal?: string;
  ref?: string;
  offset: number;
}

/** `key: 'literal'` or `key: identifier` in an object body, with the value's offset. */
function bicepRaw(body: string, key: string, bodyStart: number): BicepRaw | undefined {
  const m = new RegExp(
    `(?:^|[\\n{,])[ \\t]*${key}[ \\t]*:[ \\t]*(?:'([^'\\n]{1,200})'|([A-Za-z_][\\w.]*))`,
  ).exec(body);
  if (!m) return undefined;
  const offset = bodyStart + m.index + m[0].indexOf(key);
  return m[1] !== undefined ? { literal: m[1], offset } : { ref: m[2], offset };
}

/**
 * One Azure OpenAI deployment from Bicep: literals and parameters with defaults are read at once; a
 * parameter without a default (set by a parameters file or azd) is resolved across files.
 */
function bicepDeployment(
  e: InfraEmit,
  defs: Record<string, string>,
  declared: ReadonlySet<string>,
  d: { name?: BicepRaw; model?: BicepRaw; version?: BicepRaw; offset: number },
): void {
  const value = (raw: BicepRaw | undefined): { value?: string; ref?: string } => {
    if (!raw) return {};
    if (raw.literal !== undefined) return raw.literal.includes('${') ? {} : { value: raw.literal };
    const ref = raw.ref ?? '';
    if (defs[ref] !== undefined) return { value: defs[ref] };
    return declared.has(ref) ? { ref } : {};
  };
  const model = value(d.model);
  const version = value(d.version);
  const name = value(d.name).value;
  if (model.value) {
    recordDeployment(
      e,
      d.model?.offset ?? d.offset,
      name ?? model.value,
      model.value,
      version.value,
      d.version?.offset,
    );
    return;
  }
  if (!model.ref) return;
  const line = e.index.lineOf(d.version?.offset ?? d.model?.offset ?? d.offset);
  e.analysis.findings.push(
    makeFinding({
      kind: 'infra',
      path: e.path,
      line,
      detector: e.detector,
      confidence: 'high',
      snippet: e.index.lineText(line),
      provider: 'azure-openai',
      envRef: model.ref,
      pending: {
        ...(name ? { deployment: name } : {}),
        ...(version.value ? { version: version.value } : {}),
        ...(version.ref ? { versionRef: version.ref } : {}),
      },
    }),
  );
}

/**
 * Deployments listed as data and looped over (`param deployments array = [{ name, model, version }]`,
 * `var models = [{ name, model: { format: 'OpenAI', name, version } }]`): each object is a deployment.
 */
function bicepObjectDeployments(
  e: InfraEmit,
  live: string,
  defs: Record<string, string>,
  declared: ReadonlySet<string>,
  taken: ReadonlyArray<[number, number]>,
): void {
  if (!/cognitiveservices\/accounts\/deployments/i.test(live)) return;
  const seen = new Set<number>();
  for (const m of live.matchAll(/(?:^|[\s{,])model[ \t]*:[ \t]*(['{])/gm)) {
    const keyAt = (m.index ?? 0) + m[0].indexOf('model');
    if (taken.some(([a, b]) => keyAt >= a && keyAt <= b)) continue;
    const open = enclosingOpen(live, keyAt - 1);
    if (open === -1 || seen.has(open)) continue;
    const block = blockAfter(live, open);
    if (!block) continue;
    seen.add(open);
    if (m[1] === "'") {
      bicepDeployment(e, defs, declared, {
        name: bicepRaw(block.body, 'name', block.start),
        model: bicepRaw(block.body, 'model', block.start),
        version: bicepRaw(block.body, '(?:model_?[vV]ersion|version)', block.start),
        offset: keyAt,
      });
    } else {
      const inner = blockAfter(live, keyAt);
      if (!inner) continue;
      bicepDeployment(e, defs, declared, {
        name: bicepRaw(block.body, 'name', block.start),
        model: bicepRaw(inner.body, 'name', inner.start),
        version: bicepRaw(inner.body, 'version', inner.start),
        offset: keyAt,
      });
    }
  }
}

// ---------------------------------------------------------------- ARM templates (JSON)

function armLiteral(value: unknown, params: Record<string, string>): string | undefined {
  if (typeof value !== 'string') return undefined;
  const param = /^\[parameters\('(\w+)'\)\]$/.exec(value);
  if (param?.[1]) return params[param[1]];
  if (value.startsWith('[')) {
    // "[concat(parameters('account'), '/chat')]" → the literal tail names the deployment.
    const tail = /'\/([\w.-]+)'\)\]$/.exec(value);
    return tail?.[1];
  }
  return value.includes('/') ? value.slice(value.lastIndexOf('/') + 1) : value;
}

export function analyseArmTemplate(
  path: string,
  text: string,
  lines: readonly string[],
  analysis: FileAnalysis,
): void {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return;
  }
  const e: InfraEmit = { path, index: new LineIndex(text), analysis, detector: 'infra:arm' };
  const params: Record<string, string> = {};
  const paramDefs = (doc.parameters ?? {}) as Record<string, { defaultValue?: unknown }>;
  for (const [name, def] of Object.entries(paramDefs)) {
    if (typeof def?.defaultValue === 'string') {
      params[name] = def.defaultValue;
      analysis.envDefinitions[name] = def.defaultValue;
    }
  }
  const resources: unknown[] = [];
  const walk = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const r of list) {
      resources.push(r);
      walk((r as { resources?: unknown }).resources);
    }
  };
  walk(doc.resources);
  for (const r of resources) {
    const res = r as {
      type?: unknown;
      name?: unknown;
      kind?: unknown;
      properties?: { model?: { name?: unknown; version?: unknown } };
    };
    const type = typeof res.type === 'string' ? res.type.toLowerCase() : '';
    const lineOfType = Math.max(
      0,
      lines.findIndex((l) => l.toLowerCase().includes(`"${type}"`)),
    );
    const offset = text.split('\n').slice(0, lineOfType).join('\n').length + 1;
    if (type === 'microsoft.cognitiveservices/accounts/deployments') {
      emitProvider(e, offset, 'azure-openai');
      const model = armLiteral(res.properties?.model?.name, params);
      const version = armLiteral(res.properties?.model?.version, params);
      const name = armLiteral(res.name, params);
      if (model) recordDeployment(e, offset, name ?? model, model, version);
    } else if (
      type === 'microsoft.cognitiveservices/accounts' &&
      (res.kind === 'OpenAI' || res.kind === 'AIServices')
    ) {
      emitProvider(e, offset, 'azure-openai');
    }
  }
}

// ---------------------------------------------------------------- CloudFormation / SAM

const CFN_TYPE = /^[ \t]*"?Type"?[ \t]*:[ \t]*["']?(AWS::(?:Bedrock|SageMaker)::\w+)["']?/gm;
const CFN_DEFAULT =
  /^[ \t]*"?(\w+)"?[ \t]*:[ \t]*\{?[ \t]*\r?\n[ \t]*"?Type"?[ \t]*:[ \t]*["']?String["']?,?[ \t]*\r?\n[ \t]*"?Default"?[ \t]*:[ \t]*["']?([^"'\n]{1,200})["']?/gm;

export function analyseCloudFormation(path: string, text: string, analysis: FileAnalysis): void {
  const live = clipLongLines(stripComments(text, basename(path).endsWith('.json') ? 'c-like' : 'hash'));
  const e: InfraEmit = { path, index: new LineIndex(live), analysis, detector: 'infra:cloudformation' };
  for (const m of live.matchAll(CFN_DEFAULT)) {
    if (m[1] && m[2]) analysis.envDefinitions[m[1]] = m[2].trim();
  }
  let found = false;
  for (const m of live.matchAll(CFN_TYPE)) {
    found = true;
    emitProvider(e, m.index ?? 0, (m[1] ?? '').includes('Bedrock') ? 'aws-bedrock' : 'aws-sagemaker');
  }
  if (!found && !live.includes('bedrock')) return;
  for (const m of live.matchAll(/["']?([a-z][\w.:/-]{3,200})["']?[ \t]*$/gm)) {
    const cls = classifyModelId(m[1] ?? '');
    if (cls?.provider === 'aws-bedrock') emitModel(e, m.index ?? 0, cls.provider, cls.id, cls.pinning);
  }
}

export function looksLikeCloudFormation(text: string): boolean {
  // The literal first: the regex, starting with \b, tries every position of a file that names no AWS type.
  return (
    text.includes('AWSTemplateFormatVersion') ||
    (text.includes('AWS::') && /\bAWS::(?:Bedrock|SageMaker|Serverless)::/.test(text))
  );
}

export function looksLikeArmTemplate(text: string): boolean {
  return text.includes('deploymentTemplate.json') && text.includes('"resources"');
}
