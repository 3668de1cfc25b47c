import { describe, expect, it } from 'vitest';
import { analyse, modelIds, providers, report } from './helpers';

describe('code detectors', () => {
  it('finds Python clients and model literals but not comments or docstrings', () => {
    const a = analyse(
      'app/chat.py',
      [
        '"""Uses gpt-4-turbo.',
        'from openai import OpenAI',
        '"""',
        'from anthropic import Anthropic',
        'client = Anthropic()',
        '# client.messages.create(model="claude-3-opus-20240229")',
        'client.messages.create(model="claude-3-5-sonnet-20241022", max_tokens=10)',
        'label = "Use gpt-4 for this"',
      ].join('\n'),
    );
    expect(providers(a)).toEqual(['anthropic']);
    expect(modelIds(a)).toEqual(['claude-3-5-sonnet-20241022']);
    expect(a.findings.find((f) => f.model)?.evidence.line).toBe(7);
  });

  it('attributes gpt-* literals to Azure OpenAI in Azure-only files', () => {
    const a = analyse(
      'svc.py',
      'from openai import AzureOpenAI\nc = AzureOpenAI()\nc.chat.completions.create(model="gpt-4o")\n',
    );
    expect(a.findings.find((f) => f.model)?.model?.provider).toBe('azure-openai');
  });

  it('reads Azure deployment names as deployments', () => {
    const a = analyse(
      'svc.py',
      'from langchain_openai import AzureChatOpenAI\nllm = AzureChatOpenAI(azure_deployment="support-gpt")\n',
    );
    const m = a.findings.find((f) => f.model)?.model;
    expect(m).toMatchObject({
      id: 'support-gpt',
      provider: 'azure-openai',
      deployment: 'support-gpt',
      pinning: 'unknown',
    });
  });

  it('handles JS/TS imports, the Vercel AI SDK and strings that look like comments', () => {
    const a = analyse(
      'src/route.ts',
      "import { google } from '@ai-sdk/google';\nconst u = 'http://x//y';\nconst r = await generateText({ model: google('gemini-1.5-pro-002') });\n// google('gemini-1.0-pro')\n",
    );
    expect(providers(a)).toEqual(['google-genai', 'vercel-ai-sdk']);
    expect(modelIds(a)).toEqual(['gemini-1.5-pro-002']);
  });

  it('finds Go Bedrock ids and SDK model constants, ignoring type Model struct', () => {
    const go = analyse(
      'main.go',
      'package main\nimport (\n\t"github.com/openai/openai-go"\n)\ntype Model struct{ Name string }\nvar m = openai.ChatModelGPT4oMini\nvar id = aws.String("meta.llama3-1-70b-instruct-v1:0")\n',
    );
    expect(modelIds(go)).toEqual(['gpt-4o-mini', 'meta.llama3-1-70b-instruct-v1:0']);
    expect(
      modelIds(
        analyse(
          'store.go',
          'package store\ntype Model struct{ ID string }\nfunc (m Model) Name() string { return "model" }\n',
        ),
      ),
    ).toEqual([]);
  });

  it('finds Java and C# clients with env and config indirection', () => {
    const java = analyse(
      'Svc.java',
      'import com.openai.client.okhttp.OpenAIOkHttpClient;\nclass S { void f() { var c = OpenAIOkHttpClient.fromEnv(); var m = ChatModel.GPT_4O_MINI; } }\n',
    );
    expect(modelIds(java)).toEqual(['gpt-4o-mini']);
    const cs = analyse(
      'Program.cs',
      'using Azure.AI.OpenAI;\nvar c = new AzureOpenAIClient(e, k);\nvar chat = c.GetChatClient(Environment.GetEnvironmentVariable("AZURE_OPENAI_DEPLOYMENT"));\n',
    );
    expect(providers(cs)).toEqual(['azure-openai']);
    expect(cs.findings.find((f) => f.envRef)?.envRef).toBe('AZURE_OPENAI_DEPLOYMENT');
  });

  it('finds Ruby clients and keyword arguments', () => {
    const rb = analyse(
      'app.rb',
      'require "anthropic"\nc = Anthropic::Client.new\nc.messages(parameters: { model: "claude-3-haiku-20240307" })\n',
    );
    expect(modelIds(rb)).toEqual(['claude-3-haiku-20240307']);
  });

  it('finds Hugging Face loading calls with revisions, pipelines and datasets', () => {
    const a = analyse(
      'train.py',
      'from transformers import AutoModel, pipeline\nfrom datasets import load_dataset\nm = AutoModel.from_pretrained("google-bert/bert-base-uncased", revision="86b5e0934494bd15c9632b12f734a8a67f723594")\np = pipeline("summarization", model="facebook/bart-large-cnn")\nd = load_dataset("rajpurkar/squad")\nlocal = AutoModel.from_pretrained("./outputs/checkpoint-500")\n',
    );
    expect(modelIds(a)).toEqual(['facebook/bart-large-cnn', 'google-bert/bert-base-uncased']);
    expect(a.findings.find((f) => f.model?.id === 'google-bert/bert-base-uncased')?.model?.pinning).toBe(
      'hash',
    );
    expect(a.findings.find((f) => f.dataset)?.dataset).toBe('rajpurkar/squad');
  });

  it('reads Ollama tags only in an Ollama context', () => {
    const a = analyse(
      'bot.py',
      'from langchain_ollama import ChatOllama\nllm = ChatOllama(model="qwen2.5:7b-instruct-q4_K_M")\nbare = ChatOllama(model="llama3")\n',
    );
    expect(a.findings.filter((f) => f.model).map((f) => [f.model?.id, f.model?.pinning])).toEqual([
      ['qwen2.5:7b-instruct-q4_K_M', 'version'],
      ['llama3', 'floating'],
    ]);
    expect(modelIds(analyse('plain.py', 'import os\nconfig = dict(model="llama3")\n'))).toEqual([]);
  });

  it('never counts ORM models as AI', () => {
    expect(
      modelIds(
        analyse(
          'shop/models.py',
          'from django.db import models\nclass Car(models.Model):\n    model = models.CharField(max_length=20)\n',
        ),
      ),
    ).toEqual([]);
    expect(
      providers(
        analyse(
          'src/user.js',
          "const mongoose = require('mongoose');\nmodule.exports = mongoose.model('User', schema);\n",
        ),
      ),
    ).toEqual([]);
    expect(
      providers(
        analyse('app/Models/Post.php', '<?php class Post extends Model { protected $table = "posts"; }'),
      ),
    ).toEqual([]);
    expect(
      report({ 'app/models/model.rb': 'class Model < ApplicationRecord\nend\n', Gemfile: 'gem "rails"\n' })
        .systems,
    ).toEqual([]);
  });
});

describe('env indirection and defaults', () => {
  it('resolves process.env through .env.example and drops the shadowed fallback', () => {
    const r = report({
      'package.json': JSON.stringify({ name: 'web', dependencies: { openai: '^4.0.0' } }),
      '.env.example': 'OPENAI_MODEL=gpt-4o-mini-2024-07-18\n',
      'src/ai.ts':
        "import OpenAI from 'openai';\nconst c = new OpenAI();\nconst model = process.env.OPENAI_MODEL ?? 'gpt-4o';\n",
    });
    expect(r.systems[0]?.models).toEqual([
      {
        id: 'gpt-4o-mini-2024-07-18',
        provider: 'openai',
        pinning: 'snapshot',
        resolvedFrom: 'env:OPENAI_MODEL@.env.example',
        sites: [{ path: 'src/ai.ts', line: 3 }],
      },
    ]);
  });

  it('keeps the in-code fallback when nothing defines the variable, and warns when there is none', () => {
    const r = report({
      'requirements.txt': 'openai\n',
      'a.py':
        'import os\nfrom openai import OpenAI\nc = OpenAI()\nm = os.getenv("CHAT_MODEL", "gpt-4o")\nn = os.environ["SUMMARY_MODEL"]\n',
    });
    expect(r.systems[0]?.models.map((m) => m.id)).toEqual(['gpt-4o']);
    expect(r.warnings.some((w) => w.includes('SUMMARY_MODEL'))).toBe(true);
  });

  it('maps Azure deployment names through Terraform to the deployed model', () => {
    const r = report({
      'requirements.txt': 'openai\n',
      '.env.example': 'AZURE_OPENAI_DEPLOYMENT=chat\n',
      'app.py':
        'import os\nfrom openai import AzureOpenAI\nc = AzureOpenAI()\nc.chat.completions.create(model=os.environ["AZURE_OPENAI_DEPLOYMENT"], messages=[])\n',
      'infra/openai.tf':
        'resource "azurerm_cognitive_deployment" "chat" {\n  name = "chat"\n  model {\n    format = "OpenAI"\n    name = "gpt-4o-mini"\n    version = "2024-07-18"\n  }\n}\n',
    });
    const sys = r.systems[0];
    expect(sys?.providers).toEqual(['azure-openai']);
    expect(sys?.models.map((m) => [m.id, m.pinning, m.deployment])).toEqual([
      ['gpt-4o-mini', 'snapshot', 'chat'],
    ]);
  });

  it('picks library defaults by the declared version', () => {
    const old = report({
      'requirements.txt': 'openai-agents==0.1.0\n',
      'a.py': 'from agents import Agent\na = Agent(name="x")\n',
    });
    expect(old.systems[0]?.models[0]).toMatchObject({
      id: 'gpt-4o',
      pinning: 'implicit-default',
      resolvedFrom: 'default:openai-agents@0.1.0',
    });
    const js = report({
      'package.json': JSON.stringify({ dependencies: { '@langchain/openai': '^0.2.0' } }),
      'a.ts':
        "import { ChatOpenAI } from '@langchain/openai';\nconst m = new ChatOpenAI({ temperature: 0 });\nconst n = new ChatOpenAI({ model: 'gpt-4o' });\n",
    });
    expect(js.systems[0]?.models.map((m) => [m.id, m.pinning])).toEqual([
      ['gpt-3.5-turbo', 'implicit-default'],
      ['gpt-4o', 'floating'],
    ]);
  });

  it('keeps library defaults for the 1.x LangChain releases, and claims none past the checked ranges', () => {
    const py = (spec: string) =>
      report({
        'requirements.txt': `langchain-openai${spec}\n`,
        'a.py': 'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(temperature=0)\n',
      }).systems[0]?.models.map((m) => `${m.id}|${m.resolvedFrom}`);
    expect(py('==1.0.2')).toEqual(['gpt-3.5-turbo|default:langchain-openai@1.0.2']);
    expect(py('>=1.1,<2')).toEqual(['gpt-3.5-turbo|default:langchain-openai@>=1.1,<2']);
    expect(py('==2.0.0')).toEqual([]);
    const js = report({
      'package.json': JSON.stringify({ dependencies: { '@langchain/openai': '^1.1.0' } }),
      'a.ts':
        "import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';\n" +
        'const m = new ChatOpenAI({ temperature: 0 });\nconst e = new OpenAIEmbeddings();\n',
    });
    expect(js.systems[0]?.models.map((m) => m.id).sort()).toEqual([
      'gpt-3.5-turbo',
      'text-embedding-ada-002',
    ]);
  });
});
