// Per-file detection context: collects findings and knows which providers the file talks to,
// so that a bare model literal can be attributed (gpt-4o in an Azure-only file is Azure OpenAI).
import type { Sieved } from '../literal-sieve';
import type { Confidence, Finding, FindingKind, ModelRef, ProviderId } from '../findings';
import {
  classifyHuggingFaceId,
  classifyModelId,
  classifyOllamaTag,
  looksLikeIdentifier,
  type ModelIdClass,
} from '../model-ids';
import { routeModel } from '../gateways';
import { LineIndex, makeFinding } from '../text';
import type { DefaultRequest, FileAnalysis, ProviderHit } from '../types';

const HF_PROVIDERS: ReadonlySet<ProviderId> = new Set([
  'transformers',
  'huggingface-hub',
  'sentence-transformers',
  'peft',
  'vllm',
  'tgi',
]);

/** Vendor prefixes of gateway model ids (`anthropic/claude-3.5-sonnet`) that are canonical providers. */
export const VENDOR_PREFIX: Readonly<Record<string, ProviderId>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'google-genai',
  mistralai: 'mistral',
  mistral: 'mistral',
  cohere: 'cohere',
  deepseek: 'deepseek',
  'x-ai': 'xai',
  perplexity: 'perplexity',
};

/** Gateways whose model names are aliases or other vendors' ids, never their own models. */
const ROUTERS: ReadonlySet<ProviderId> = new Set(['openrouter', 'portkey', 'litellm']);

const EVERY_REGEX: Sieved = { may: () => true };

export class CodeContext {
  readonly index: LineIndex;
  readonly providers = new Set<ProviderId>();
  /** Non-Azure OpenAI client seen (OpenAI(), new OpenAI(), @ai-sdk/openai…): literals stay 'openai'. */
  strongOpenAI = false;
  /** OpenAI-compatible gateway or endpoint this file's client is pointed at (`base_url`). */
  gateway: ProviderId | undefined;
  private readonly seen = new Set<string>();

  constructor(
    readonly path: string,
    readonly live: string,
    readonly detector: string,
    readonly analysis: FileAnalysis,
    /** Which of the sieve's regexes can match `live` (code/sieve.ts); by default, all of them. */
    readonly sieve: Sieved = EVERY_REGEX,
  ) {
    this.index = new LineIndex(live);
  }

  lineOf(offset: number): number {
    return this.index.lineOf(offset);
  }

  snippet(line: number): string {
    return this.index.lineText(line);
  }

  private push(finding: Finding): void {
    const key = `${finding.kind}|${finding.evidence.line}|${finding.provider ?? ''}|${finding.model?.id ?? ''}|${finding.envRef ?? ''}|${finding.dataset ?? ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.analysis.findings.push(finding);
  }

  addProvider(
    kind: FindingKind,
    hits: readonly ProviderHit[],
    offset: number,
    confidence: Confidence = 'high',
  ): void {
    const line = this.lineOf(offset);
    for (const hit of hits) {
      this.providers.add(hit.provider);
      this.push(
        makeFinding({
          kind,
          path: this.path,
          line,
          detector: `${this.detector}:${kind}`,
          confidence,
          snippet: this.snippet(line),
          provider: hit.provider,
          supersededBy: hit.supersededBy,
        }),
      );
    }
  }

  hasProvider(...providers: ProviderId[]): boolean {
    return providers.some((p) => this.providers.has(p));
  }

  get hasHuggingFace(): boolean {
    for (const p of HF_PROVIDERS) if (this.providers.has(p)) return true;
    return false;
  }

  /** Attributes a classified hosted-model id to the provider this file actually calls. */
  attribute(cls: ModelIdClass): ProviderId {
    if (cls.provider === 'openai' && this.providers.has('azure-openai') && !this.strongOpenAI)
      return 'azure-openai';
    if (
      cls.provider === 'google-genai' &&
      this.providers.has('vertex-ai') &&
      !this.providers.has('google-genai')
    )
      return 'vertex-ai';
    if (cls.provider === 'anthropic' && this.providers.has('vertex-ai') && !this.providers.has('anthropic'))
      return 'vertex-ai';
    return cls.provider;
  }

  addModel(
    model: Omit<ModelRef, 'resolvedFrom'> & { resolvedFrom?: string },
    offset: number,
    confidence: Confidence,
    kind: FindingKind = 'model-id',
    written?: string,
  ): void {
    const line = this.lineOf(offset);
    const ref: ModelRef = { resolvedFrom: 'literal', ...model };
    const finding = makeFinding({
      kind,
      path: this.path,
      line,
      detector: `${this.detector}:${kind}`,
      confidence,
      snippet: this.snippet(line),
      provider: ref.supplier ?? ref.provider,
      model: ref,
    });
    if (written !== undefined && written.includes('/')) finding.written = written;
    this.push(finding);
  }

  /**
   * A model argument where a gateway decides what the string means: LiteLLM's `provider/model`
   * routing, or an OpenAI-compatible endpoint (the id as that endpoint names it, never a Hub repo).
   */
  private gatewayArgument(value: string, offset: number, confidence: Confidence): boolean {
    if (value.includes('/') && (this.providers.has('litellm') || this.providers.has('crewai'))) {
      const routed = routeModel(value);
      if (routed) {
        this.addModel(routed, offset, confidence);
        return true;
      }
    }
    const gateway = this.gateway;
    if (!gateway) return false;
    const cls = classifyModelId(value);
    if (value.includes('/')) {
      const vendor = VENDOR_PREFIX[value.slice(0, value.indexOf('/')).toLowerCase()];
      this.addModel(
        {
          id: value,
          ...(vendor ? { provider: vendor } : {}),
          pinning: cls?.pinning ?? 'floating',
          supplier: gateway,
        },
        offset,
        confidence,
      );
      return true;
    }
    if (cls) {
      this.addModel(
        { id: cls.id, provider: cls.provider, pinning: cls.pinning, supplier: gateway },
        offset,
        confidence,
      );
      return true;
    }
    // An endpoint that is itself the vendor (Groq, Together…) names its own models; a router's aliases are not models.
    if (ROUTERS.has(gateway) || !/^[a-z][a-z0-9.-]{2,80}$/i.test(value) || !/\d/.test(value)) return false;
    this.addModel({ id: value, provider: gateway, pinning: 'floating' }, offset, confidence);
    return true;
  }

  addEnvRef(
    name: string,
    provider: ProviderId | undefined,
    fallback: ModelRef | undefined,
    offset: number,
  ): void {
    const line = this.lineOf(offset);
    this.push(
      makeFinding({
        kind: 'model-id',
        path: this.path,
        line,
        detector: `${this.detector}:env-ref`,
        confidence: 'medium',
        snippet: this.snippet(line),
        provider: fallback?.provider ?? provider,
        model: fallback,
        envRef: name,
      }),
    );
  }

  addDataset(dataset: string, offset: number): void {
    const line = this.lineOf(offset);
    this.push(
      makeFinding({
        kind: 'dataset',
        path: this.path,
        line,
        detector: `${this.detector}:dataset`,
        confidence: 'high',
        snippet: this.snippet(line),
        dataset,
      }),
    );
  }

  addDefault(key: string, provider: ProviderId, offset: number): void {
    const line = this.lineOf(offset);
    const request: DefaultRequest = {
      key,
      finding: makeFinding({
        kind: 'model-id',
        path: this.path,
        line,
        detector: `${this.detector}:library-default`,
        confidence: 'medium',
        snippet: this.snippet(line),
        provider,
      }),
    };
    const list = this.analysis.defaultRequests ?? [];
    if (!list.some((r) => r.key === key && r.finding.evidence.line === line)) list.push(request);
    this.analysis.defaultRequests = list;
  }

  /** A module-level model-ish constant: a literal, or an env lookup with an optional in-code default. */
  addConstant(
    name: string,
    value: string | undefined,
    env: string | undefined,
    offset: number,
    alias?: string,
  ): void {
    const line = this.lineOf(offset);
    const list = this.analysis.constants ?? [];
    if (list.some((c) => c.name === name && c.finding.evidence.line === line)) return;
    list.push({
      name,
      ...(value !== undefined ? { value } : {}),
      ...(env !== undefined ? { env } : {}),
      ...(alias !== undefined ? { alias } : {}),
      finding: makeFinding({
        kind: 'model-id',
        path: this.path,
        line,
        detector: `${this.detector}:constant`,
        confidence: 'medium',
        snippet: this.snippet(line),
      }),
    });
    this.analysis.constants = list;
  }

  /** A model argument that names a constant; resolved across the unit once every file is read. */
  addConstantRef(name: string, key: string, offset: number): void {
    const list = this.analysis.constantRefs ?? [];
    const line = this.lineOf(offset);
    if (list.some((r) => r.name === name && r.key === key && r.line === line)) return;
    list.push({
      name,
      key,
      path: this.path,
      line,
      snippet: this.snippet(line),
      providers: [...this.providers].sort(),
      strongOpenAI: this.strongOpenAI,
    });
    this.analysis.constantRefs = list;
  }

  hint(purpose: string): void {
    const hints = this.analysis.purposeHints ?? [];
    if (!hints.includes(purpose)) hints.push(purpose);
    this.analysis.purposeHints = hints;
  }

  /**
   * A string passed where a model goes (model=, modelId:, .model("…")). Hosted ids classify on
   * their own; deployment names, Hub ids and Ollama tags need the key or the file's context.
   */
  modelArgument(key: string, value: string, offset: number, confidence: Confidence = 'high'): boolean {
    if (!looksLikeIdentifier(value)) return false;
    if (this.gatewayArgument(value, offset, confidence)) return true;
    const cls = classifyModelId(value);
    if (cls) {
      const provider = this.attribute(cls);
      this.addModel({ id: cls.id, provider, pinning: cls.pinning }, offset, confidence, 'model-id', value);
      return true;
    }
    const lowerKey = key.toLowerCase();
    if (
      lowerKey.includes('deployment') ||
      lowerKey === 'getchatclient' ||
      lowerKey === 'getembeddingclient'
    ) {
      if (
        this.providers.has('azure-openai') ||
        lowerKey.includes('azure') ||
        lowerKey.includes('deployment')
      ) {
        this.addModel(
          { id: value, provider: 'azure-openai', pinning: 'unknown', deployment: value },
          offset,
          confidence,
        );
        return true;
      }
    }
    if (this.providers.has('ollama')) {
      const tag = classifyOllamaTag(value);
      if (tag) {
        this.addModel({ id: tag.id, provider: 'ollama', pinning: tag.pinning }, offset, confidence);
        return true;
      }
    }
    if (this.hasHuggingFace || this.providers.has('langchain') || this.providers.has('llama-cpp')) {
      const hf = classifyHuggingFaceId(value);
      if (hf && value.includes('/')) {
        this.addModel({ id: hf.id, provider: hf.provider, pinning: hf.pinning }, offset, confidence);
        return true;
      }
    }
    if (/^[A-Za-z0-9][\w.-]{0,60}\/[A-Za-z0-9][\w.:-]{0,100}$/.test(value) && !/\.\w{1,5}$/.test(value)) {
      // Meaningful only if the unit calls a gateway from elsewhere: kept aside until the report knows.
      const line = this.lineOf(offset);
      const candidate = makeFinding({
        kind: 'model-id',
        path: this.path,
        line,
        detector: `${this.detector}:gateway-model`,
        confidence: 'medium',
        snippet: this.snippet(line),
        model: { id: value, pinning: 'floating', resolvedFrom: 'literal' },
      });
      candidate.written = value;
      this.analysis.gatewayCandidates = [...(this.analysis.gatewayCandidates ?? []), candidate];
    }
    return false;
  }
}

/** Finds the argument text of a call whose '(' is at `open`, bounded so that it stays cheap. */
export function callArguments(text: string, open: number, limit = 1500): string {
  let depth = 0;
  const end = Math.min(text.length, open + limit);
  let quote = '';
  for (let i = open; i < end; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return text.slice(open + 1, i);
    }
  }
  return text.slice(open + 1, end);
}
