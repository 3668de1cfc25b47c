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
