import { describe, expect, it } from 'vitest';
import { assembleReport, detectFile, isCandidatePath, wantsHeadOnly } from '../../../shared/discovery';
import { analyse, modelIds, providers, report } from './helpers';

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));

describe('model files', () => {
  it('recognises formats by name and header magic, with the content hash', () => {
    const gguf = detectFile({
      path: 'models/m.gguf',
      head: bytes('GGUF', [3, 0, 0, 0]),
      size: 8,
      contentHash: 'abc',
    });
    expect(gguf.findings[0]?.model).toMatchObject({
      id: 'models/m.gguf',
      pinning: 'hash',
      contentHash: 'abc',
      format: 'gguf',
      provider: 'llama-cpp',
    });
    expect(gguf.findings[0]?.evidence.confidence).toBe('high');
    const header = '{"a":1}';
    const st = detectFile({
      path: 'w/model.safetensors',
      head: bytes([header.length, 0, 0, 0, 0, 0, 0, 0], header),
      size: 8 + header.length,
    });
    expect(st.findings[0]?.model?.format).toBe('safetensors');
    expect(
      detectFile({ path: 'x.h5', head: bytes([0x89], 'HDF\r\n', [0x1a, 0x0a]), size: 8 }).findings,
    ).toHaveLength(1);
    expect(detectFile({ path: 'x.pt', head: bytes('PK', [3, 4]), size: 4 }).findings).toHaveLength(1);
    expect(detectFile({ path: 'x.onnx', head: bytes([0x08, 0x07]), size: 2 }).findings).toHaveLength(1);
    expect(
      detectFile({ path: 'export/saved_model.pb', head: bytes([0x08, 0x01]), size: 2 }).findings[0]?.provider,
    ).toBe('tensorflow');
  });

  it('rejects files whose header contradicts the extension', () => {
    expect(detectFile({ path: 'models/notes.gguf', head: bytes('hello'), size: 5 }).findings).toEqual([]);
    expect(
      detectFile({
        path: 'a.safetensors',
        head: bytes([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0], '{'),
        size: 9,
      }).findings,
    ).toEqual([]);
  });

  it('counts pickles only in an ML context', () => {
    const pkl = (path: string) => ({
      path,
      analysis: detectFile({ path, head: bytes([0x80, 0x04]), size: 2 }),
    });
    const train = {
      path: 'train.py',
      analysis: analyse('train.py', 'import joblib\nfrom sklearn.linear_model import LogisticRegression\n'),
    };
    expect(report({}).systems).toEqual([]);
    expect(assembleReport('r', [pkl('cache/state.pkl')], 1, []).systems).toEqual([]);
    expect(assembleReport('r', [pkl('artifacts/model.pkl')], 1, []).systems[0]?.models[0]?.id).toBe(
      'artifacts/model.pkl',
    );
    expect(
      assembleReport('r', [pkl('clf.joblib'), train], 2, []).systems[0]?.models.map((m) => m.id),
    ).toEqual(['clf.joblib']);
  });

  it('asks for head bytes only for model files', () => {
    expect(wantsHeadOnly('models/llama.gguf')).toBe(true);
    expect(wantsHeadOnly('src/app.py')).toBe(false);
  });
});

describe('candidate paths', () => {
  it('keeps manifests, code, config and model files; drops vendored, test and lock files', () => {
    for (const p of [
      'package.json',
      'a/requirements-dev.txt',
      'main.go',
      'x/Dockerfile',
      '.env.example',
      'infra/main.bicep',
      'nb/a.ipynb',
      'README.md',
      'm/w.gguf',
    ])
      expect(isCandidatePath(p), p).toBe(true);
    for (const p of [
      'node_modules/openai/index.js',
      'package-lock.json',
      'tests/test_app.py',
      'src/a.test.ts',
      'docs/notes.md',
      'img/logo.png',
      'dist/app.min.js',
    ])
      expect(isCandidatePath(p), p).toBe(false);
  });
});

describe('config, env and infrastructure', () => {
  it('reads model keys in YAML/JSON/TOML config, not unrelated values', () => {
    expect(
      modelIds(
        analyse(
          'config/llm.yaml',
          'llm:\n  provider: anthropic\n  model: claude-3-7-sonnet-20250219\nui:\n  model: User\n',
        ),
      ),
    ).toEqual(['claude-3-7-sonnet-20250219']);
    expect(modelIds(analyse('settings.toml', '[ai]\nembedding_model = "text-embedding-3-small"\n'))).toEqual([
      'text-embedding-3-small',
    ]);
    expect(modelIds(analyse('data.json', JSON.stringify({ examples: ['gpt-4o'] })))).toEqual([]);
  });

  it('defines env values from .env files and Spring properties', () => {
    expect(analyse('.env.local', 'export OPENAI_MODEL="gpt-4o" # main\n# X=1\n').envDefinitions).toEqual({
      OPENAI_MODEL: 'gpt-4o',
    });
    const props = analyse(
      'src/main/resources/application.properties',
      'spring.ai.openai.chat.options.model=gpt-4o-mini\n',
    );
    expect(modelIds(props)).toEqual(['gpt-4o-mini']);
  });

  it('finds serving containers and their models in compose and Kubernetes files', () => {
    const compose = analyse(
      'docker-compose.yml',
      'services:\n  tgi:\n    image: ghcr.io/huggingface/text-generation-inference:2.2\n    command: --model-id HuggingFaceH4/zephyr-7b-beta\n  # old:\n  #   image: ollama/ollama\n',
    );
    expect(providers(compose)).toEqual(['tgi']);
    expect(modelIds(compose)).toEqual(['HuggingFaceH4/zephyr-7b-beta']);
    const k8s = analyse(
      'k8s/vllm.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - image: vllm/vllm-openai:latest\n          args: ["--model", "meta-llama/Llama-3.1-8B-Instruct"]\n',
    );
    expect(modelIds(k8s)).toEqual(['meta-llama/Llama-3.1-8B-Instruct']);
  });

  it('finds Bedrock, SageMaker and Vertex resources in Terraform and CloudFormation', () => {
    const tf = analyse(
      'main.tf',
      'data "aws_bedrock_foundation_model" "m" {\n  model_id = "amazon.nova-pro-v1:0"\n}\nresource "aws_sagemaker_endpoint" "e" {\n  name = "x"\n}\n',
    );
    expect(providers(tf)).toEqual(['aws-bedrock', 'aws-sagemaker']);
    expect(modelIds(tf)).toEqual(['amazon.nova-pro-v1:0']);
    const cfn = analyse(
      'template.yaml',
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Agent:\n    Type: AWS::Bedrock::Agent\n    Properties:\n      FoundationModel: anthropic.claude-3-sonnet-20240229-v1:0\n',
    );
    expect(modelIds(cfn)).toEqual(['anthropic.claude-3-sonnet-20240229-v1:0']);
  });

  it('reads Azure deployments from ARM templates', () => {
    const arm = analyse(
      'azuredeploy.json',
      JSON.stringify(
        {
          $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
          resources: [
            {
              type: 'Microsoft.CognitiveServices/accounts/deployments',
              name: "[concat(parameters('acct'), '/chat')]",
              properties: { model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-05-13' } },
            },
          ],
        },
        null,
        2,
      ),
    );
    expect(arm.deployments).toEqual([
      expect.objectContaining({ name: 'chat', model: 'gpt-4o', version: '2024-05-13' }),
    ]);
  });

  it('finds download commands in scripts and Dockerfiles, ignoring comments', () => {
    const sh = analyse(
      'scripts/fetch.sh',
      '#!/bin/sh\n# ollama pull mistral\nhuggingface-cli download --revision v1.0 BAAI/bge-small-en-v1.5 --local-dir models\nollama pull phi3:3.8b\n',
    );
    expect(sh.findings.map((f) => [f.model?.id, f.model?.pinning])).toEqual([
      ['BAAI/bge-small-en-v1.5', 'version'],
      ['phi3:3.8b', 'version'],
    ]);
    const docker = analyse(
      'Dockerfile',
      'FROM python:3.12\nRUN pip install --no-cache-dir openai==1.40.0 fastapi\n',
    );
    expect(providers(docker)).toEqual(['openai']);
    expect(docker.entryPoint?.kind).toBe('dockerfile');
  });
});

describe('workflows, notebooks and model cards', () => {
  it('finds AI actions and their models in GitHub workflows', () => {
    const wf = analyse(
      '.github/workflows/review.yml',
      'name: Review\non: pull_request\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/ai-inference@v1\n        with:\n          prompt: hi\n',
    );
    expect(wf.entryPoint).toEqual({ kind: 'workflow', root: '.github/workflows/review.yml', name: 'Review' });
    expect(wf.findings.map((f) => [f.provider, f.model?.id, f.model?.pinning])).toEqual([
      ['github-models', undefined, undefined],
      ['github-models', 'gpt-4o', 'implicit-default'],
    ]);
  });

  it('reads only code cells of notebooks and maps lines back to the file', () => {
    const nb = JSON.stringify(
      {
        cells: [
          { cell_type: 'markdown', source: ['We use gpt-4 here\n'] },
          {
            cell_type: 'code',
            source: [
              'import openai\n',
              'client = openai.OpenAI()\n',
              'r = client.chat.completions.create(model="gpt-4o-mini")\n',
            ],
          },
        ],
      },
      null,
      1,
    );
    const a = analyse('analysis/explore.ipynb', nb);
    expect(modelIds(a)).toEqual(['gpt-4o-mini']);
    const line = a.findings.find((f) => f.model)?.evidence.line ?? 0;
    expect(nb.split('\n')[line - 1]).toContain('gpt-4o-mini');
    expect(a.entryPoint).toEqual({ kind: 'notebook', root: 'analysis' });
  });

  it('reads base_model lineage and datasets from model cards, and a summary from any README', () => {
    const card = analyse(
      'model/README.md',
      '---\nbase_model:\n  - mistralai/Mistral-7B-v0.1\ndatasets: [HuggingFaceH4/ultrachat_200k]\nlibrary_name: peft\n---\n# Adapter\n\nA chat adapter for support.\n',
    );
    expect(modelIds(card)).toEqual(['mistralai/Mistral-7B-v0.1']);
    expect(card.findings.some((f) => f.dataset === 'HuggingFaceH4/ultrachat_200k')).toBe(true);
    expect(providers(card)).toEqual(['huggingface-hub', 'peft']);
    const readme = analyse('README.md', '# Tool\n\n[![ci](x)](y)\n\nWe tried gpt-4 for this project.\n');
    expect(readme.findings).toEqual([]);
    expect(readme.summary).toBe('We tried gpt-4 for this project.');
  });
});
