// Indirection that real repositories use between a model id and the call that uses it: constants in
// another module, Make / shell variables, Helm values; and libraries imported only for utilities.
import { describe, expect, it } from 'vitest';
import { detectFile } from '../../../shared/discovery';
import { analyse, modelIds, report } from './helpers';

const models = (r: ReturnType<typeof report>, root = '.') =>
  (r.systems.find((s) => s.root === root)?.models ?? []).map((m) => `${m.id}|${m.provider}|${m.pinning}`);

describe('constants defined in another module', () => {
  const ollamaApp = {
    'requirements.txt': 'ollama==0.3.3\n',
    'rag/models.py':
      'import os\n\nCHAT_MODEL = os.environ.get("CHAT_MODEL", "llama3.1:8b")\nEMBED_MODEL = "nomic-embed-text"\n',
    'rag/api.py':
      'import ollama\nfrom .models import CHAT_MODEL, EMBED_MODEL\n\n' +
      'def ask(q):\n    v = ollama.embeddings(model=EMBED_MODEL, prompt=q)\n' +
      '    return ollama.chat(model=CHAT_MODEL, messages=[{"role": "user", "content": q}])\n',
  };

  it('reads a constant where it is used: an Ollama tag in an Ollama call', () => {
    const r = report(ollamaApp);
    expect(models(r)).toEqual(['llama3.1:8b|ollama|version', 'nomic-embed-text|ollama|floating']);
    const chat = r.systems[0]?.models.find((m) => m.id === 'llama3.1:8b');
    expect(chat?.resolvedFrom).toBe('literal');
    expect(r.systems[0]?.evidence.some((e) => e.path === 'rag/models.py' && e.line === 3)).toBe(true);
  });

  it('prefers the env variable a constant reads over its in-code default', () => {
    const r = report({ ...ollamaApp, '.env.example': 'CHAT_MODEL=qwen2.5:7b-instruct\n' });
    const chat = r.systems[0]?.models.find((m) => m.id.startsWith('qwen'));
    expect(chat).toMatchObject({ id: 'qwen2.5:7b-instruct', provider: 'ollama' });
    expect(chat?.resolvedFrom).toBe('env:CHAT_MODEL@.env.example');
  });

  it('reads a Hub id from a config module in a notebook loading call', () => {
    const notebook = JSON.stringify({
      cells: [
        {
          cell_type: 'code',
          source: [
            'from config import MODEL_ID\n',
            'from transformers import AutoModelForSequenceClassification\n',
            'model = AutoModelForSequenceClassification.from_pretrained(MODEL_ID)\n',
          ],
        },
      ],
    });
    const r = report({
      'requirements.txt': 'transformers==4.46.2\n',
      'config.py': 'MODEL_ID = "cardiffnlp/twitter-roberta-base-sentiment-latest"\nBATCH = 32\n',
      'notebooks/score.ipynb': notebook,
    });
    expect(models(r)).toEqual(['cardiffnlp/twitter-roberta-base-sentiment-latest|huggingface-hub|floating']);
  });

  it('keeps an Azure attribution and maps nothing without a provider at the call', () => {
    const r = report({
      'package.json': '{"name":"a","dependencies":{"openai":"^4.0.0"}}',
      'src/models.ts': "export const CHAT_MODEL = 'gpt-4o-mini';\n",
      'src/chat.ts':
        "import { AzureOpenAI } from 'openai';\nimport { CHAT_MODEL } from './models';\n" +
        'const client = new AzureOpenAI({});\n' +
        'await client.chat.completions.create({ model: CHAT_MODEL, messages: [] });\n',
    });
    expect(models(r)).toEqual(['gpt-4o-mini|azure-openai|floating']);
  });

  it('does not read a model-ish constant passed to code that talks to no provider', () => {
    const r = report({
      'package.json': '{"name":"billing","dependencies":{"express":"^4.0.0"}}',
      'src/pricing.ts': "export const PRICING_MODEL = 'tiered';\nexport const LLM_MODEL_LABEL = 'llama3';\n",
      'src/render.ts':
        "import { PRICING_MODEL, LLM_MODEL_LABEL } from './pricing';\nrender({ model: PRICING_MODEL, label: LLM_MODEL_LABEL });\n",
    });
    expect(r.systems).toEqual([]);
  });

  it('follows a barrel re-export that renames the constant', () => {
    const r = report({
      'package.json': '{"name":"a","dependencies":{"@anthropic-ai/sdk":"^0.30.0"}}',
      'src/config/models.ts': "export const DEFAULT_MODEL = 'claude-3-5-haiku-20241022';\n",
      'src/config/index.ts':
        "export * from './models';\nexport { DEFAULT_MODEL as SUMMARY_MODEL } from './models';\n",
      'src/summarise.ts':
        "import Anthropic from '@anthropic-ai/sdk';\nimport { SUMMARY_MODEL } from './config';\n" +
        'const client = new Anthropic();\n' +
        'await client.messages.create({ model: SUMMARY_MODEL, max_tokens: 64, messages: [] });\n',
    });
    expect(models(r)).toEqual(['claude-3-5-haiku-20241022|anthropic|snapshot']);
    const evidence = r.systems[0]?.evidence.map((e) => `${e.path}:${e.line}`) ?? [];
    // The literal, the rename and the call: every file on the way.
    expect(evidence).toEqual(
      expect.arrayContaining(['src/config/models.ts:1', 'src/config/index.ts:2', 'src/summarise.ts:4']),
    );
  });

  it('follows an import alias and a chain of assignments, in Python', () => {
    const r = report({
      'requirements.txt': 'ollama==0.3.3\n',
      'app/defaults.py': 'BASE_MODEL = "llama3.1:8b"\nCHAT_MODEL = BASE_MODEL\n',
      'app/bot.py':
        'import ollama\nfrom .defaults import CHAT_MODEL as BOT_MODEL\n\n' +
        'def reply(q):\n    return ollama.chat(model=BOT_MODEL, messages=[])\n',
    });
    expect(models(r)).toEqual(['llama3.1:8b|ollama|version']);
  });

  it('resolves nothing through a cycle of renames or a rename of nothing', () => {
    const r = report({
      'requirements.txt': 'ollama==0.3.3\n',
      'app/defaults.py': 'CHAT_MODEL = BOT_MODEL\nBOT_MODEL = CHAT_MODEL\nOTHER_MODEL = MISSING_MODEL\n',
      'app/bot.py':
        'import ollama\nollama.chat(model=BOT_MODEL, messages=[])\nollama.chat(model=OTHER_MODEL, messages=[])\n',
    });
    expect(models(r)).toEqual([]);
  });

  it('never borrows a constant from another unit', () => {
    const r = report({
      'apps/a/requirements.txt': 'ollama\n',
      'apps/a/main.py': 'import ollama\nollama.chat(model=CHAT_MODEL, messages=[])\n',
      'apps/b/requirements.txt': 'fastapi\n',
      'apps/b/settings.py': 'CHAT_MODEL = "llama3.1:8b"\n',
    });
    expect(models(r, 'apps/a')).toEqual([]);
  });
});

describe('download commands with variables', () => {
  it('expands Make and shell variables, and `:-` defaults', () => {
    const make = analyse(
      'Makefile',
      'CHAT_MODEL ?= llama3.1:8b\nEMBED := nomic-embed-text\nmodels:\n\tollama pull $(CHAT_MODEL)\n\tollama pull ${EMBED}\n',
    );
    expect(modelIds(make)).toEqual(['llama3.1:8b', 'nomic-embed-text']);
    const sh = analyse(
      'scripts/setup.sh',
      'MODEL_REPO=Qwen/Qwen2.5-7B-Instruct\nollama pull "${OLLAMA_MODEL:-phi3:mini}"\nhuggingface-cli download "$MODEL_REPO"\n',
    );
    expect(modelIds(sh)).toEqual(['Qwen/Qwen2.5-7B-Instruct', 'phi3:mini']);
    const docker = analyse(
      'Dockerfile',
      'FROM ollama/ollama\nARG MODEL=llama3.2:3b\nRUN ollama pull ${MODEL}\n',
    );
    expect(modelIds(docker)).toContain('llama3.2:3b');
  });

  it('reports nothing for a variable the file never sets', () => {
    expect(modelIds(analyse('Makefile', 'pull:\n\tollama pull $(MODEL)\n'))).toEqual([]);
  });
});

describe('Helm values', () => {
  it('recognises a serving image split into repository and tag, and its --model argument', () => {
    const values = analyse(
      'values.yaml',
      'image:\n  repository: vllm/vllm-openai\n  tag: v0.6.3\nserver:\n  args:\n    - --model\n    - meta-llama/Llama-3.1-8B-Instruct\n',
    );
    expect(values.findings.map((f) => f.provider)).toContain('vllm');
    expect(modelIds(values)).toEqual(['meta-llama/Llama-3.1-8B-Instruct']);
  });

  const chart = {
    'charts/llm/Chart.yaml': 'apiVersion: v2\nname: llm\nversion: 0.3.0\n',
    'charts/llm/values.yaml':
      'image:\n  repository: vllm/vllm-openai\n  tag: v0.6.3\nmodel:\n  repo: mistralai/Mistral-7B-Instruct-v0.3\nembeddings:\n  id: BAAI/bge-small-en-v1.5\n',
    'charts/llm/templates/deployment.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n' +
      '        - name: server\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n' +
      '          args:\n            - --model\n            - {{ .Values.model.repo | quote }}\n' +
      '        - name: embedder\n          env:\n            - name: EMBEDDING_MODEL_ID\n' +
      '              value: {{ .Values.embeddings.id | quote }}\n',
  };

  it("resolves a template's {{ .Values.… }} model against the chart's values file", () => {
    const r = report(chart);
    const all = r.systems.flatMap((s) => s.models.map((m) => `${m.id}|${m.provider}|${m.resolvedFrom}`));
    expect(all).toContain(
      'mistralai/Mistral-7B-Instruct-v0.3|huggingface-hub|env:Values.model.repo@charts/llm/values.yaml',
    );
    expect(all).toContain(
      'BAAI/bge-small-en-v1.5|huggingface-hub|env:Values.embeddings.id@charts/llm/values.yaml',
    );
    const evidence = r.systems.flatMap((s) => s.evidence.map((e) => `${e.path}:${e.line}`));
    expect(evidence).toContain('charts/llm/templates/deployment.yaml:11');
    expect(evidence).toContain('charts/llm/templates/deployment.yaml:15');
  });

  it('reads --model={{ … }}, vllm serve {{ … }} and model_id: {{ … }} too, and names an undefined value', () => {
    const template = (line: string) =>
      analyse(
        'chart/templates/server.yaml',
        `spec:\n  containers:\n    - image: vllm/vllm-openai:v0.6.3\n${line}\n`,
      );
    const refs = (line: string) => template(line).findings.flatMap((f) => (f.envRef ? [f.envRef] : []));
    expect(refs('      args: ["--model={{ .Values.llm.model }}"]')).toEqual(['Values.llm.model']);
    expect(refs('      command: ["sh", "-c", "vllm serve {{ $.Values.served }}"]')).toEqual([
      'Values.served',
    ]);
    expect(refs('      model_id: {{- .Values.hf.modelId | quote }}')).toEqual(['Values.hf.modelId']);
    // Not a model site: a cache path, a replica count, the image.
    expect(
      refs('      cacheDir: {{ .Values.model.cacheDir }}\n      replicas: {{ .Values.replicas }}'),
    ).toEqual([]);
    const r = report({
      'chart/values.yaml': 'replicas: 1\n',
      'chart/templates/server.yaml':
        'spec:\n  containers:\n    - image: vllm/vllm-openai:v0.6.3\n      args: ["--model", "{{ .Values.model.name }}"]\n',
    });
    expect(r.warnings.some((w) => w.includes('Values.model.name, which no scanned file defines'))).toBe(true);
  });

  it("takes a template's `default` when no values file sets the value, and reads through `tpl`", () => {
    const chart = (values: string, arg: string) => ({
      'chart/values.yaml': values,
      'chart/templates/server.yaml':
        'spec:\n  containers:\n    - image: vllm/vllm-openai:v0.6.3\n      args:\n        - --model\n' +
        `        - ${arg}\n`,
    });
    const found = (values: string, arg: string) => {
      const r = report(chart(values, arg));
      return {
        models: r.systems.flatMap((s) => s.models.map((m) => `${m.id}|${m.provider}|${m.resolvedFrom}`)),
        unresolved: r.warnings.filter((w) => w.includes('which no scanned file defines')),
      };
    };
    const empty = 'model:\n  name: ""\n';
    const piped = '{{ .Values.model.name | default "mistralai/Mistral-7B-Instruct-v0.3" | quote }}';
    expect(found(empty, piped)).toEqual({
      models: [
        'mistralai/Mistral-7B-Instruct-v0.3|huggingface-hub|helm-default:Values.model.name@chart/templates/server.yaml',
      ],
      unresolved: [],
    });
    // The function form, and a chart with no values file at all.
    expect(found('', '{{ default "Qwen/Qwen2.5-7B-Instruct" .Values.model.name }}').models).toEqual([
      'Qwen/Qwen2.5-7B-Instruct|huggingface-hub|helm-default:Values.model.name@chart/templates/server.yaml',
    ]);
    // A value the chart sets wins over the template's default.
    expect(found('model:\n  name: meta-llama/Llama-3.1-8B-Instruct\n', piped).models).toEqual([
      'meta-llama/Llama-3.1-8B-Instruct|huggingface-hub|env:Values.model.name@chart/values.yaml',
    ]);
    // `tpl` renders the value as a template: the reference is still the values key.
    expect(found('served: google/gemma-2-9b-it\n', '{{ tpl .Values.served . }}').models).toEqual([
      'google/gemma-2-9b-it|huggingface-hub|env:Values.served@chart/values.yaml',
    ]);
  });

  it('ignores a values file that deploys no model server', () => {
    const values = analyse('values-prod.yaml', 'image:\n  repository: acme/billing-api\n  tag: "2.3.0"\n');
    expect(values.findings).toEqual([]);
  });
});

describe('libraries imported only for utilities', () => {
  const manifest = { 'requirements.txt': 'transformers==4.46.2\nscikit-learn==1.5.2\n' };

  it('drops scikit-learn declared in a manifest when code only uses its metrics and splits', () => {
    const r = report({
      ...manifest,
      'eval.py':
        'from sklearn.metrics import classification_report\nimport sklearn.model_selection\nfrom transformers import pipeline\n',
    });
    expect(r.systems[0]?.providers).toEqual(['transformers']);
  });

  it('keeps it when code trains or loads a scikit-learn model', () => {
    const r = report({
      ...manifest,
      'eval.py': 'from sklearn.metrics import f1_score\n',
      'train.py':
        'from sklearn.linear_model import LogisticRegression\nclf = LogisticRegression().fit(X, y)\n',
    });
    expect(r.systems[0]?.providers).toContain('scikit-learn');
  });

  it('keeps it when no code says how it is used', () => {
    expect(report(manifest).systems[0]?.providers).toContain('scikit-learn');
  });
});

describe('evidence lines', () => {
  it('points a model argument at its own line, not the end of the previous one', () => {
    const a = analyse('a.py', "import openai\n\nx = 1\nmodel = 'gpt-4o'\n");
    expect(a.findings.filter((f) => f.model).map((f) => f.evidence.line)).toEqual([4]);
  });
});

describe('indirection stays linear', () => {
  it('finishes fast on long runs of upper-case names, assignments and variables', () => {
    const started = performance.now();
    const upper = `${'A'.repeat(9000)} = ${'B'.repeat(500)}\n`.repeat(100);
    const args = `model=${'A.'.repeat(3000)}X\n`.repeat(100);
    const vars = `${'$('.repeat(4000)}\n`.repeat(100);
    for (const path of ['a.py', 'a.ts', 'Makefile', 'run.sh', 'values.yaml', 'A.java']) {
      for (const text of [upper, args, vars, `MODEL_${'_'.repeat(9000)} = "x"\n`.repeat(50)]) {
        detectFile({ path, text, size: text.length });
      }
    }
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
