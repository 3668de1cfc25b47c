// Agents and what they reach: MCP server configurations and MCP servers' tools, agent frameworks' tool
// definitions, retrieval sources (vector stores and indexes) and guardrail configurations. Each is a
// component of the system it belongs to, and a finding so the system exists and cites it.
import type { Component, ComponentKind, ProviderId } from './findings';
import { callArguments } from './code/context';
import { LineIndex, makeFinding } from './text';
import type { FileAnalysis } from './types';

/** Verbs and calls that make a tool act on the world rather than only read. */
const ACTING =
  /\b(?:send|post|put|patch|delete|remove|write|update|create|insert|restart|deploy|execute|exec|run|publish|refund|pay|charge|transfer|email|notify|merge|approve|shell|subprocess|smtp|drop|kill|push)\w*|method:\s*['"](?:POST|PUT|PATCH|DELETE)['"]|requests\.(?:post|put|patch|delete)|\.(?:post|put|patch|delete)\(/i;

/** Whether a tool acts, from its name and (bounded) body. */
export function toolActs(name: string, body: string): boolean {
  return ACTING.test(name.replace(/_/g, ' ')) || ACTING.test(body.slice(0, 2000));
}

function emit(
  analysis: FileAnalysis,
  index: LineIndex,
  path: string,
  offset: number,
  kind: ComponentKind,
  name: string,
  via: string,
  provider?: ProviderId,
  acts?: boolean,
): void {
  const line = index.lineOf(offset);
  const evidence = {
    path,
    line,
    detector: `agents:${kind}`,
    confidence: 'high' as const,
    snippet: index.lineText(line),
  };
  const finding = makeFinding({ kind: 'config', ...evidence, ...(provider ? { provider } : {}) });
  const component: Component = {
    kind,
    name,
    via,
    ...(acts !== undefined ? { acts } : {}),
    evidence: finding.evidence,
  };
  const list = analysis.components ?? [];
  if (list.some((c) => c.kind === kind && c.name === name && c.evidence.line === line)) return;
  list.push(component);
  analysis.components = list;
  analysis.findings.push(finding);
}

// ---------------------------------------------------------------- MCP client configurations

const MCP_CONFIG_NAMES = new Set([
  '.mcp.json',
  'mcp.json',
  'mcp_config.json',
  'mcp-config.json',
  'claude_desktop_config.json',
  'cline_mcp_settings.json',
  'mcp_settings.json',
]);

/** `.mcp.json`, `.vscode/mcp.json`, `.cursor/mcp.json`, Claude Desktop and Cline configs. */
export function isMcpConfigName(name: string): boolean {
  return MCP_CONFIG_NAMES.has(name);
}

/**
 * Every configured MCP server (`mcpServers` of Claude/Cursor/Cline, `servers` of VS Code, `mcp.servers`):
 * a server an agent may call is a component of the system, and a server that runs a command or reaches
 * a URL acts unless its name says it only reads.
 */
export function analyseMcpConfig(path: string, text: string, analysis: FileAnalysis): void {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    analysis.warnings = [...(analysis.warnings ?? []), `${path}: MCP configuration is not valid JSON`];
    return;
  }
  if (typeof doc !== 'object' || doc === null) return;
  const root = doc as Record<string, unknown>;
  const nested = root.mcp as Record<string, unknown> | undefined;
  const servers = (root.mcpServers ?? root.servers ?? nested?.servers) as Record<string, unknown> | undefined;
  if (typeof servers !== 'object' || servers === null || Array.isArray(servers)) return;
  const index = new LineIndex(text);
  for (const name of Object.keys(servers)) {
    const at = text.indexOf(JSON.stringify(name));
    const spec = JSON.stringify(servers[name] ?? '');
    emit(analysis, index, path, Math.max(0, at), 'mcp-server', name, 'mcp', 'mcp', toolActs(name, spec));
  }
}

// ---------------------------------------------------------------- code: MCP servers, tools, retrieval

const MCP_SERVER_NAME =
  /\bnew\s+(?:McpServer|Server)\s*\(\s*\{\s*name:\s*['"`]([^'"`\n]{1,80})['"`]|\bFastMCP\s*\(\s*(?:name\s*=\s*)?["']([^"'\n]{1,80})["']/g;
const MCP_TOOL = /\b\w+\.(?:tool|registerTool)\s*\(\s*['"`]([\w.-]{1,80})['"`]/g;
const PY_DECORATED_TOOL =
  /^[ \t]*@(?:[\w.]+\.)?(tool|function_tool)\b(?:\([^)\n]{0,200}\))?[ \t]*\r?\n(?:[ \t]*@[^\n]*\r?\n){0,3}[ \t]*(?:async[ \t]+)?def[ \t]+(\w+)/gm;
const TS_NAMED_TOOL = /\btool\s*\(\s*\{\s*name:\s*['"`]([\w.-]{1,80})['"`]/g;
/** crewai_tools / langchain_community ready-made tools instantiated in a tools list. */
const READY_TOOL = /\btools\s*[=:]\s*\[([^\]]{1,600})\]/g;
const READY_TOOL_CLASS = /\b([A-Z]\w{1,60}Tool)\s*\(/g;

const RETRIEVAL: Array<[RegExp, string]> = [
  [/\bChroma(?:\.from_documents|\.from_texts)?\s*\(/g, 'chroma'],
  [/\b(?:QdrantVectorStore|Qdrant)(?:\.from_documents|\.from_texts)?\s*\(/g, 'qdrant'],
  [/\b(?:PGVector|PGVectorStore)(?:\.from_documents)?\s*\(/g, 'pgvector'],
  [/\bWeaviateVectorStore\s*\(/g, 'weaviate'],
  [/\bFAISS\.(?:from_documents|from_texts|load_local)\s*\(/g, 'faiss'],
  [/\b(?:PineconeVectorStore(?:\.from_existing_index)?\s*\(|\.Index\s*\(\s*["'])/g, 'pinecone'],
  [/\bVectorStoreIndex\.from_documents\s*\(/g, 'llamaindex'],
  [/\bchromadb\.(?:PersistentClient|HttpClient|Client)\s*\(/g, 'chroma'],
];
const COLLECTION =
  /\b(?:collection_name|index_name|collectionName|indexName)\s*[=:]\s*["'`]([\w.-]{1,80})["'`]/;
const INDEX_ARG = /^\s*["'`]([\w.-]{1,80})["'`]/;

const GUARD_CODE: Array<[RegExp, string, ProviderId]> = [
  [/\bRailsConfig\.from_path\s*\(\s*["']([^"'\n]{1,120})["']/g, 'nemo-guardrails', 'nemo-guardrails'],
  [/\bGuard\s*\(\s*\)|\bGuard\.from_(?:rail|pydantic|string)\s*\(/g, 'guardrails-ai', 'guardrails-ai'],
];

/** Components declared in source code: MCP servers and their tools, agent tools, retrieval, guardrails. */
export function analyseAgentCode(path: string, live: string, analysis: FileAnalysis, index: LineIndex): void {
  if (!/tool|mcp|MCP|Chroma|Qdrant|PGVector|Weaviate|FAISS|Pinecone|Index|Rails|Guard/.test(live)) return;
  for (const m of live.matchAll(MCP_SERVER_NAME)) {
    const name = m[1] ?? m[2];
    if (name) emit(analysis, index, path, m.index ?? 0, 'mcp-server', name, 'mcp', 'mcp');
  }
  const mcp = /McpServer|FastMCP|modelcontextprotocol|from mcp\b|import mcp\b/.test(live);
  if (mcp) {
    for (const m of live.matchAll(MCP_TOOL)) {
      const name = m[1] ?? '';
      const open = (m.index ?? 0) + m[0].indexOf('(');
      emit(
        analysis,
        index,
        path,
        m.index ?? 0,
        'tool',
        name,
        'mcp',
        'mcp',
        toolActs(name, callArguments(live, open, 3000)),
      );
    }
  }
  for (const m of live.matchAll(PY_DECORATED_TOOL)) {
    const name = m[2] ?? '';
    const at = m.index ?? 0;
    // The function: from the decorator to the next line that starts at the left margin.
    const after = live.slice(at + m[0].length, at + m[0].length + 3000);
    const end = after.search(/\n(?=\S)/);
    const body = end === -1 ? after : after.slice(0, end);
    const via =
      m[1] === 'function_tool' ? 'openai-agents' : /crewai/.test(live) ? 'crewai' : mcp ? 'mcp' : 'langchain';
    emit(
      analysis,
      index,
      path,
      at + m[0].lastIndexOf(name),
      'tool',
      name,
      via,
      undefined,
      toolActs(name, body),
    );
  }
  for (const m of live.matchAll(TS_NAMED_TOOL)) {
    const name = m[1] ?? '';
    const open = (m.index ?? 0) + m[0].indexOf('(');
    emit(
      analysis,
      index,
      path,
      m.index ?? 0,
      'tool',
      name,
      'agents',
      undefined,
      toolActs(name, callArguments(live, open, 3000)),
    );
  }
  for (const m of live.matchAll(READY_TOOL)) {
    const list = m[1] ?? '';
    const start = (m.index ?? 0) + m[0].indexOf('[') + 1;
    for (const t of list.matchAll(READY_TOOL_CLASS)) {
      const name = t[1] ?? '';
      emit(
        analysis,
        index,
        path,
        start + (t.index ?? 0),
        'tool',
        name,
        'framework',
        undefined,
        toolActs(name, ''),
      );
    }
  }
  for (const [re, store] of RETRIEVAL) {
    for (const m of live.matchAll(re)) {
      const at = m.index ?? 0;
      const args = live.slice(at + m[0].length, at + m[0].length + 600);
      const name =
        COLLECTION.exec(args)?.[1] ??
        (m[0].includes('Index') ? INDEX_ARG.exec(live.slice(at + m[0].length - 1))?.[1] : undefined) ??
        store;
      emit(analysis, index, path, at, 'retrieval', name, store);
    }
  }
  for (const [re, via, provider] of GUARD_CODE) {
    for (const m of live.matchAll(re))
      emit(analysis, index, path, m.index ?? 0, 'guardrail', m[1] ?? via, via, provider);
  }
}

// ---------------------------------------------------------------- guardrail configurations

/** A NeMo Guardrails `config.yml`: `rails:` with input/output flows (and usually `models:`). */
export function looksLikeNemoRails(text: string): boolean {
  return (
    text.includes('rails:') &&
    /^rails:\s*$/m.test(text) &&
    /^\s+(?:input|output|dialog|retrieval):\s*$/m.test(text) &&
    /flows:/.test(text)
  );
}

export function analyseGuardrailConfig(path: string, text: string, analysis: FileAnalysis): void {
  const index = new LineIndex(text);
  const at = text.search(/^rails:/m);
  emit(analysis, index, path, Math.max(0, at), 'guardrail', path, 'nemo-guardrails', 'nemo-guardrails');
}
