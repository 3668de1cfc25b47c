// A deterministic synthetic repository for the scan benchmark: mostly ordinary code in several
// languages, a little AI usage, manifests per service, and dependency folders that must be skipped.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const TREE_VERSION = 3;

/** mulberry32: a tiny seeded PRNG, so every run builds the same tree. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Lang = 'py' | 'ts' | 'js' | 'go' | 'java' | 'rb' | 'cs' | 'json' | 'yaml';

const WORDS = [
  'order',
  'invoice',
  'customer',
  'ledger',
  'report',
  'session',
  'cache',
  'queue',
  'parser',
  'token',
];

function ident(rand: () => number, i: number): string {
  const a = WORDS[Math.floor(rand() * WORDS.length)] ?? 'item';
  const b = WORDS[Math.floor(rand() * WORDS.length)] ?? 'value';
  return `${a}_${b}_${i}`;
}

function ordinary(lang: Lang, rand: () => number, lines: number): string {
  const out: string[] = [];
  const block = (i: number): string[] => {
    const name = ident(rand, i);
    switch (lang) {
      case 'py':
        return [
          `def ${name}(items, limit=${i}):`,
          `    """Return the first ${i} ${name} entries that pass validation."""`,
          `    result = [x for x in items if x.get("status") == "ok"]`,
          `    return result[:limit]`,
          '',
        ];
      case 'ts':
        return [
          `export function ${name}(items: Array<{ status: string }>, limit = ${i}): unknown[] {`,
          `  // keep only settled entries`,
          `  return items.filter((x) => x.status === 'ok').slice(0, limit);`,
          '}',
          '',
        ];
      case 'js':
        return [
          `function ${name}(items, limit = ${i}) {`,
          `  return items.filter((x) => x.status === "ok").slice(0, limit);`,
          '}',
          `module.exports.${name} = ${name};`,
          '',
        ];
      case 'go':
        return [
          `func ${name}(items []Item, limit int) []Item {`,
          `\tif len(items) > limit {`,
          `\t\treturn items[:limit]`,
          '\t}',
          '\treturn items',
          '}',
          '',
        ];
      case 'java':
        return [
          `  public List<Item> ${name}(List<Item> items) {`,
          `    return items.stream().limit(${i}).collect(Collectors.toList());`,
          '  }',
          '',
        ];
      case 'rb':
        return [`def ${name}(items)`, `  items.select { |x| x[:status] == "ok" }.first(${i})`, 'end', ''];
      case 'cs':
        return [`    public IList<Item> ${name}(IList<Item> items) => items.Take(${i}).ToList();`, ''];
      case 'json':
        return [`  "${name}": { "enabled": ${i % 2 === 0}, "limit": ${i} },`];
      case 'yaml':
        return [`${name}:`, `  enabled: ${i % 2 === 0}`, `  limit: ${i}`];
    }
  };
  const header: Record<Lang, string[]> = {
    py: ['import os', 'import json', 'from typing import Any', ''],
    ts: ["import { readFile } from 'node:fs/promises';", ''],
    js: ["const path = require('path');", ''],
    go: ['package service', '', 'import "fmt"', ''],
    java: [
      'package com.example.service;',
      '',
      'import java.util.*;',
      'import java.util.stream.Collectors;',
      '',
      'public class Service {',
    ],
    rb: ["require 'json'", ''],
    cs: ['using System.Linq;', '', 'public class Service {'],
    json: ['{'],
    yaml: ['# service settings'],
  };
  out.push(...header[lang]);
  for (let i = 0; out.length < lines; i++) out.push(...block(i));
  if (lang === 'java' || lang === 'cs') out.push('}');
  if (lang === 'json') out.push('  "end": true', '}');
  return out.join('\n') + '\n';
}

const AI_SNIPPETS: Partial<Record<Lang, ((m: string) => string)[]>> = {
  py: [
    (m) =>
      `from openai import OpenAI\n\nclient = OpenAI()\nreply = client.chat.completions.create(model="${m}", messages=[])\n`,
    () =>
      `import anthropic\n\nclient = anthropic.Anthropic()\nmsg = client.messages.create(model="claude-sonnet-4-20250514", max_tokens=64, messages=[])\n`,
    () => `from transformers import AutoModel\n\nmodel = AutoModel.from_pretrained("bert-base-uncased")\n`,
    () =>
      `import os\nfrom langchain_openai import ChatOpenAI\n\nllm = ChatOpenAI(model=os.environ["OPENAI_MODEL"])\n`,
  ],
  ts: [
    (m) =>
      `import OpenAI from 'openai';\n\nconst client = new OpenAI();\nexport const reply = () => client.chat.completions.create({ model: '${m}', messages: [] });\n`,
    () =>
      `import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\n\nexport const run = () => generateText({ model: openai('gpt-4o-mini'), prompt: 'hi' });\n`,
  ],
  js: [
    () =>
      `const Anthropic = require('@anthropic-ai/sdk');\nconst client = new Anthropic();\nclient.messages.create({ model: 'claude-3-5-haiku-latest', max_tokens: 10, messages: [] });\n`,
  ],
};

const MODELS = ['gpt-4o', 'gpt-4.1', 'gpt-4o-2024-08-06', 'o3-mini', 'gpt-4o-mini'];

const MANIFESTS: Record<string, (ai: boolean) => [string, string]> = {
  py: (ai) => [
    'requirements.txt',
    `requests==2.32.3\nflask==3.0.3\n${ai ? 'openai==1.40.0\nanthropic==0.40.0\ntransformers==4.44.0\nlangchain-openai==0.1.20\n' : ''}`,
  ],
  ts: (ai) => [
    'package.json',
    JSON.stringify(
      {
        name: 'svc',
        version: '1.0.0',
        dependencies: {
          express: '^4.19.2',
          ...(ai ? { openai: '^4.56.0', ai: '^3.3.0', '@ai-sdk/openai': '^0.0.50' } : {}),
        },
      },
      null,
      2,
    ) + '\n',
  ],
  js: (ai) => [
    'package.json',
    JSON.stringify(
      {
        name: 'svc',
        dependencies: { lodash: '^4.17.21', ...(ai ? { '@anthropic-ai/sdk': '^0.27.0' } : {}) },
      },
      null,
      2,
    ) + '\n',
  ],
  go: () => ['go.mod', 'module example.com/svc\n\ngo 1.22\n\nrequire github.com/gorilla/mux v1.8.1\n'],
  java: () => [
    'pom.xml',
    '<project><modelVersion>4.0.0</modelVersion><artifactId>svc</artifactId></project>\n',
  ],
};

const MIX: [Lang, number][] = [
  ['py', 0.32],
  ['ts', 0.2],
  ['js', 0.14],
  ['go', 0.1],
  ['java', 0.1],
  ['rb', 0.04],
  ['cs', 0.04],
  ['json', 0.03],
  ['yaml', 0.03],
];

function pickLang(r: number): Lang {
  let acc = 0;
  for (const [lang, share] of MIX) {
    acc += share;
    if (r < acc) return lang;
  }
  return 'py';
}

export interface TreeStats {
  files: number;
  aiFiles: number;
  bytes: number;
}

/** Builds the tree under `root` unless a tree of this version and size is already there. */
export function ensureSyntheticTree(root: string, fileCount: number): TreeStats {
  // Beside the tree, not in it: the marker must not be scanned.
  const marker = `${root}.json`;
  if (existsSync(marker)) {
    const stats = JSON.parse(readFileSync(marker, 'utf8')) as TreeStats & {
      version: number;
      requested: number;
    };
    if (stats.version === TREE_VERSION && stats.requested === fileCount) return stats;
  }
  rmSync(root, { recursive: true, force: true });
  const rand = prng(42);
  const stats: TreeStats = { files: 0, aiFiles: 0, bytes: 0 };
  /** Writes a file; only files a scanner should read count towards the size of the tree. */
  const write = (path: string, text: string, counted = true) => {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    if (!counted) return;
    stats.bytes += text.length;
    stats.files++;
  };
  write('.gitignore', 'node_modules/\n*.log\n', false);
  const services = Math.max(1, Math.round(fileCount / 500));
  const perService = Math.ceil(fileCount / services);
  const folders = ['src', 'src/core', 'src/api', 'src/util', 'lib', 'internal/store', 'handlers', 'jobs'];
  for (let s = 0; s < services; s++) {
    const main = pickLang(rand());
    const usesAi = s % 3 === 0;
    const base = `services/svc-${String(s).padStart(3, '0')}`;
    const manifest = (MANIFESTS[main] ?? MANIFESTS.py)?.(usesAi);
    if (manifest) write(`${base}/${manifest[0]}`, manifest[1]);
    if (usesAi) write(`${base}/.env.example`, 'OPENAI_MODEL=gpt-4o-2024-08-06\nLOG_LEVEL=info\n');
    for (let f = 0; f < perService && stats.files < fileCount; f++) {
      const lang = rand() < 0.7 ? main : pickLang(rand());
      const folder = folders[Math.floor(rand() * folders.length)] ?? 'src';
      const lines = 40 + Math.floor(rand() * 160);
      let text = ordinary(lang, rand, lines);
      const snippets = AI_SNIPPETS[lang];
      if (usesAi && snippets && rand() < 0.06) {
        const snippet = snippets[Math.floor(rand() * snippets.length)];
        const model = MODELS[Math.floor(rand() * MODELS.length)] ?? 'gpt-4o';
        if (snippet) {
          text = snippet(model) + '\n' + text;
          stats.aiFiles++;
        }
      }
      write(`${base}/${folder}/${lang}_${f}.${lang}`, text);
    }
    // Dependencies a scanner must skip: both tools honour .gitignore.
    if (main === 'ts' || main === 'js') {
      for (let d = 0; d < 20; d++)
        write(`${base}/node_modules/pkg${d}/index.js`, ordinary('js', rand, 60), false);
    }
  }
  writeFileSync(marker, JSON.stringify({ ...stats, version: TREE_VERSION, requested: fileCount }, null, 2));
  return stats;
}
