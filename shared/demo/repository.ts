// Harbor Mutual's AI monorepo as plain data: the files of two commits. The CLI demo writes them to
// a temporary git repository so discovery runs on a real one, with no network. The register in
// organisation.ts describes the same systems: same roots, providers and models, so a scan confirms
// what was assessed. One app, the marketing copy generator, is shadow AI the register does not know.
import { sha256Hex } from '../register/hash';

export interface RepositoryFile {
  /** Repository-relative posix path. */
  path: string;
  content: string;
}

export interface RepositoryCommit {
  message: string;
  author: { name: string; email: string };
  /** Committed this many days before the demo's today, at noon UTC, so commit SHAs are reproducible. */
  daysAgo: number;
  /** Files added or changed by this commit. */
  files: RepositoryFile[];
}

/** The day the support assistant moved to gpt-4.1: the head commit and the register's trigger share it. */
export const MODEL_SWAP_DAYS_AGO = 45;

const lines = (...text: string[]) => `${text.join('\n')}\n`;

/**
 * Trained models live in Git LFS: the repository holds a pointer naming the weights' hash, so the
 * pointer's own hash pins the model. The oid stands for weights the demo does not ship.
 */
const lfsPointer = (weights: string, size: number) =>
  lines('version https://git-lfs.github.com/spec/v1', `oid sha256:${sha256Hex(weights)}`, `size ${size}`);

export interface DemoModelFile extends RepositoryFile {
  provider: 'onnxruntime' | 'scikit-learn' | 'pytorch';
  /** sha256 hex of the content, as a scan records it. */
  contentHash: string;
}

const modelFile = (path: string, provider: DemoModelFile['provider'], size: number): DemoModelFile => {
  const content = lfsPointer(`harbor-mutual ${path}`, size);
  return { path, content, provider, contentHash: sha256Hex(content) };
};

export const DEMO_MODEL_FILES = {
  claimsTriage: modelFile('apps/claims-triage/models/claims-triage-xgb-3.2.onnx', 'onnxruntime', 4_812_336),
  underwriting: modelFile('apps/underwriting-score/models/uw-gbm-2025-09.joblib', 'scikit-learn', 2_093_117),
  fraudScoring: modelFile('apps/fraud-scoring/models/fraud-gnn-1.4.pt', 'pytorch', 38_551_904),
} as const;

const chatTs = (model: string) =>
  lines(
    "import { AzureOpenAI } from 'openai';",
    '',
    'const client = new AzureOpenAI({',
    '  endpoint: process.env.AZURE_OPENAI_ENDPOINT,',
    "  apiVersion: '2024-10-21',",
    '});',
    '',
    '/** Drafts an answer from the policy wording for an agent to approve; never sent directly. */',
    'export async function draftAnswer(question: string, wording: string): Promise<string> {',
    '  const completion = await client.chat.completions.create({',
    `    model: '${model}',`,
    '    messages: [',
    "      { role: 'system', content: `Answer from this policy wording only:\\n${wording}` },",
    "      { role: 'user', content: question },",
    '    ],',
    '  });',
    "  return completion.choices[0]?.message.content ?? '';",
    '}',
  );

/** Where the support assistant names its model. */
export const SUPPORT_CHAT_FILE = 'apps/support-assistant/src/chat.ts';

const BASE_FILES: RepositoryFile[] = [
  {
    path: 'README.md',
    content: lines(
      '# Harbor Mutual AI platform',
      '',
      'The AI services behind claims, underwriting and customer service, one folder per app under `apps/`.',
      'Trained models are stored with Git LFS.',
    ),
  },
  {
    path: '.gitattributes',
    content: lines(
      '*.onnx filter=lfs diff=lfs merge=lfs -text',
      '*.joblib filter=lfs diff=lfs merge=lfs -text',
      '*.pt filter=lfs diff=lfs merge=lfs -text',
    ),
  },
  // Claims triage: trained with xgboost, served as ONNX.
  {
    path: 'apps/claims-triage/pyproject.toml',
    content: lines(
      '[project]',
      'name = "claims-triage"',
      'version = "3.2.0"',
      'description = "Routes incoming motor and home claims to the right handling queue"',
      'requires-python = ">=3.11"',
      'dependencies = [',
      '  "xgboost==2.1.1",',
      '  "onnxruntime==1.19.0",',
      '  "pandas==2.2.2",',
      '  "fastapi==0.112.0",',
      ']',
    ),
  },
  {
    path: 'apps/claims-triage/triage/model.py',
    content: lines(
      '"""Scores one claim with the released triage model."""',
      'import onnxruntime as ort',
      '',
      'session = ort.InferenceSession("models/claims-triage-xgb-3.2.onnx")',
      '',
      '',
      'def queue_for(features) -> str:',
      '    score = float(session.run(None, {"features": features})[0][0])',
      '    return "complex" if score >= 0.7 else "fast-track"',
    ),
  },
  {
    path: 'apps/claims-triage/triage/train.py',
    content: lines(
      '"""Retrains the triage model on the claims history; the release job exports it to ONNX."""',
      'import xgboost as xgb',
      '',
      '',
      'def train(features, labels) -> xgb.XGBClassifier:',
      '    model = xgb.XGBClassifier(n_estimators=400, max_depth=6)',
      '    model.fit(features, labels)',
      '    return model',
    ),
  },
  DEMO_MODEL_FILES.claimsTriage,
  // Customer support assistant: Azure OpenAI, gpt-4o until the head commit.
  {
    path: 'apps/support-assistant/package.json',
    content: lines(
      '{',
      '  "name": "support-assistant",',
      '  "private": true,',
      '  "description": "Drafts answers to policyholder questions in web chat for agents to approve",',
      '  "dependencies": {',
      '    "openai": "4.56.0",',
      '    "express": "4.19.2"',
      '  }',
      '}',
    ),
  },
  { path: SUPPORT_CHAT_FILE, content: chatTs('gpt-4o') },
  // Underwriting risk score: scikit-learn.
  {
    path: 'apps/underwriting-score/requirements.txt',
    content: lines('scikit-learn==1.5.1', 'joblib==1.4.2', 'pandas==2.2.2'),
  },
  {
    path: 'apps/underwriting-score/scoring/score.py',
    content: lines(
      '"""Referral level for a small-business application."""',
      'import joblib',
      'from sklearn.ensemble import HistGradientBoostingClassifier',
      '',
      'model: HistGradientBoostingClassifier = joblib.load("models/uw-gbm-2025-09.joblib")',
      '',
      '',
      'def referral_level(application) -> int:',
      '    return int(model.predict([application])[0])',
    ),
  },
  DEMO_MODEL_FILES.underwriting,
  // Fraud scoring: a graph neural network in PyTorch.
  {
    path: 'apps/fraud-scoring/requirements.txt',
    content: lines('torch==2.4.0', 'torch-geometric==2.5.3'),
  },
  {
    path: 'apps/fraud-scoring/fraud/score.py',
    content: lines(
      '"""Scores a paid claim for fraud indicators on the claims network graph."""',
      'import torch',
      '',
      'model = torch.jit.load("models/fraud-gnn-1.4.pt")',
      'model.eval()',
      '',
      '',
      'def fraud_score(graph) -> float:',
      '    with torch.no_grad():',
      '        return float(model(graph.x, graph.edge_index)[0])',
    ),
  },
  DEMO_MODEL_FILES.fraudScoring,
  // Claims document extraction: Claude on AWS Bedrock.
  { path: 'apps/doc-extraction/requirements.txt', content: lines('boto3==1.34.162') },
  {
    path: 'apps/doc-extraction/extract/fields.py',
    content: lines(
      '"""Extracts invoice, estimate and medical-report fields from claim attachments."""',
      'import json',
      '',
      'import boto3',
      '',
      'bedrock = boto3.client("bedrock-runtime", region_name="eu-west-1")',
      '',
      '',
      'def extract(document_text: str) -> dict:',
      '    response = bedrock.converse(',
      '        modelId="anthropic.claude-3-5-sonnet-20240620-v1:0",',
      '        messages=[{"role": "user", "content": [{"text": document_text}]}],',
      '    )',
      '    return json.loads(response["output"]["message"]["content"][0]["text"])',
    ),
  },
  // Shadow AI: built by marketing, never entered in the register.
  {
    path: 'apps/marketing-copy/package.json',
    content: lines(
      '{',
      '  "name": "marketing-copy",',
      '  "private": true,',
      '  "description": "Marketing copy generator for campaign emails and social posts",',
      '  "dependencies": {',
      '    "ai": "4.0.18",',
      '    "@ai-sdk/openai": "1.0.10"',
      '  }',
      '}',
    ),
  },
  {
    path: 'apps/marketing-copy/src/generate.ts',
    content: lines(
      "import { openai } from '@ai-sdk/openai';",
      "import { generateText } from 'ai';",
      '',
      'export async function campaignEmail(brief: string): Promise<string> {',
      '  const { text } = await generateText({',
      "    model: openai('gpt-4o-mini'),",
      '    prompt: `Write a short campaign email for Harbor Mutual customers: ${brief}`,',
      '  });',
      '  return text;',
      '}',
    ),
  },
];

export interface DemoRepository {
  /** owner/name on GitHub; the register's systems link to it and name their folder in it. */
  slug: string;
  url: string;
  /** Where the shadow app lives; the register has no system there. */
  shadowRoot: string;
  /** Oldest first: the base commit, then the head commit. */
  commits: RepositoryCommit[];
}

export const DEMO_REPOSITORY: DemoRepository = {
  slug: 'harbor-mutual/ai-platform',
  url: 'https://github.com/harbor-mutual/ai-platform',
  shadowRoot: 'apps/marketing-copy',
  commits: [
    {
      message: 'AI platform as assessed for the first AIMS cycle',
      author: { name: 'Omar Haddad', email: 'omar.haddad@harbormutual.example' },
      daysAgo: 122,
      files: BASE_FILES,
    },
    {
      message: 'Support assistant: draft answers with gpt-4.1',
      author: { name: 'Ana Silva', email: 'ana.silva@harbormutual.example' },
      daysAgo: MODEL_SWAP_DAYS_AGO,
      files: [{ path: SUPPORT_CHAT_FILE, content: chatTs('gpt-4.1') }],
    },
  ],
};
