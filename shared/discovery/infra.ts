// Infrastructure: model-serving containers (compose, Kubernetes, Helm, Dockerfile) and cloud AI
// resources in Terraform, Bicep, ARM and CloudFormation.
import { stripComments } from './comments';
import type { Finding, ProviderId } from './model';
import { azureVersionPinning, classifyHuggingFaceId, classifyModelId, classifyOllamaTag } from './model-ids';
import { basename, extname } from './paths';
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

export function analyseServingContainers(path: string, text: string, analysis: FileAnalysis): void {
  if (!/ollama|vllm|text-generation-inference|text-embeddings-inference|tritonserver|llama\.cpp/.test(text))
    return;
  const live = stripComments(clipLongLines(text), 'hash');
  const index = new LineIndex(live);
  const providers = new Set<ProviderId>();
  for (const m of live.matchAll(IMAGE_LINE)) {
    const image = m[1] ?? '';
    for (const [re, provider] of SERVING_IMAGES) {
      if (!re.test(image)) continue;
      providers.add(provider);
      const line = index.lineOf(m.index ?? 0);
      analysis.findings.push(
        makeFinding({
          kind: 'infra',
          path,
          line,
          detector: 'infra:serving-image',
          confidence: 'high',
          snippet: index.lineText(line),
          provider,
        }),
      );
    }
  }
  if (providers.size === 0) return;
  const hfServer: ProviderId | undefined = providers.has('vllm')
    ? 'vllm'
    : providers.has('tgi')
      ? 'tgi'
      : providers.has('triton')
        ? 'triton'
        : undefined;
  const revision =
    /--revision(?:=|["']?,?[ \t]{1,40}|["']?[ \t]*\n[ \t]*-[ \t]{1,10})["']?([\w.-]{1,64})/.exec(live)?.[1];
  const addModel = (value: string, offset: number, provider: ProviderId): void => {
    const line = index.lineOf(offset);
    const hf = provider === 'ollama' ? classifyOllamaTag(value) : classifyHuggingFaceId(value, revision);
    if (!hf) return;
    analysis.findings.push(
      makeFinding({
        kind: 'infra',
        path,
        line,
        detector: 'infra:serving-model',
        confidence: 'high',
        snippet: index.lineText(line),
        provider,
        model: { id: hf.id, provider: hf.provider, pinning: hf.pinning, resolvedFrom: 'config' },
      }),
    );
  };
  if (hfServer) {
    for (const re of [MODEL_FLAG, VLLM_SERVE, MODEL_ENV]) {
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
): void {
  emitProvider(e, offset, provider, {
    id,
    provider,
    pinning,
    resolvedFrom: 'config',
    ...(deployment ? { deployment } : {}),
  });
}

/** Distinctive model ids anywhere inside an AI resource block (Bedrock agents, CFN resources…). */
function emitLiteralModels(e: InfraEmit, body: string, bodyStart: number, quote: RegExp): void {
  for (const m of body.matchAll(quote)) {
    const cls = classifyModelId(m[1] ?? '');
    if (cls) emitModel(e, bodyStart + (m.index ?? 0), cls.provider, cls.id, cls.pinning);
  }
}

function recordDeployment(
  e: InfraEmit,
  offset: number,
  name: string,
  model: string,
  version: string | undefined,
): void {
  const deployment: DeploymentDefinition = {
    name,
    model,
    path: e.path,
    line: e.index.lineOf(offset),
    ...(version ? { version } : {}),
  };
  e.analysis.deployments = [...(e.analysis.deployments ?? []), deployment];
  emitModel(e, offset, 'azure-openai', model, azureVersionPinning(version), name);
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

function tfValue(raw: string | undefined, vars: Record<string, string>): string | undefined {
  if (!raw) return undefined;
  const ref = /^(?:var|local)\.([\w-]+)$/.exec(raw);
  return ref?.[1] ? vars[ref[1]] : raw;
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
  for (const m of live.matchAll(TF_RESOURCE)) {
    const type = m[2] ?? '';
    const offset = m.index ?? 0;
    const block = blockAfter(live, offset + m[0].length - 1);
    if (!block) continue;
    if (type === 'azurerm_cognitive_deployment') {
      emitProvider(e, offset, 'azure-openai');
      const modelBlock = /\bmodel\s*\{([^}]{0,2000})\}/.exec(block.body);
      const name = tfValue(tfAttr(block.body, 'name'), vars);
      const model = tfValue(modelBlock ? tfAttr(modelBlock[1] ?? '', 'name') : undefined, vars);
      const version = tfValue(modelBlock ? tfAttr(modelBlock[1] ?? '', 'version') : undefined, vars);
      if (model) recordDeployment(e, block.start + (modelBlock?.index ?? 0), name ?? model, model, version);
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
  for (const m of live.matchAll(BICEP_RESOURCE)) {
    const type = (m[2] ?? '').toLowerCase();
    const offset = m.index ?? 0;
    const block = blockAfter(live, offset + m[0].length - 1);
    if (!block) continue;
    if (type === 'microsoft.cognitiveservices/accounts/deployments') {
      emitProvider(e, offset, 'azure-openai');
      const modelAt = block.body.search(/\bmodel\s*:\s*\{/);
      const modelBody = modelAt === -1 ? '' : (blockAfter(block.body, modelAt + 5)?.body ?? '');
      const model = bicepValue(modelBody, 'name', defs);
      const version = bicepValue(modelBody, 'version', defs);
      const name = bicepValue(block.body, 'name', defs);
      if (model) recordDeployment(e, block.start + Math.max(0, modelAt), name ?? model, model, version);
    } else if (type === 'microsoft.cognitiveservices/accounts') {
      const kind = bicepValue(block.body, 'kind', defs);
      if (kind === 'OpenAI' || kind === 'AIServices') emitProvider(e, offset, 'azure-openai');
    } else if (type.startsWith('microsoft.machinelearningservices/')) {
      emitLiteralModels(e, block.body, block.start, /'([^'\n]{1,200})'/g);
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
  return text.includes('AWSTemplateFormatVersion') || /\bAWS::(?:Bedrock|SageMaker|Serverless)::/.test(text);
}

export function looksLikeArmTemplate(text: string): boolean {
  return text.includes('deploymentTemplate.json') && text.includes('"resources"');
}
