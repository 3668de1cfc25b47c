import { describe, expect, it } from 'vitest';
import { classifyHuggingFaceId, classifyModelId, classifyOllamaTag } from '../../../shared/discovery';

describe('model id classification and pinning', () => {
  it.each([
    ['gpt-4o-2024-08-06', 'openai', 'snapshot'],
    ['gpt-4o', 'openai', 'floating'],
    ['gpt-4-0613', 'openai', 'snapshot'],
    ['chatgpt-4o-latest', 'openai', 'floating'],
    ['text-embedding-3-small', 'openai', 'version'],
    ['claude-3-5-sonnet-20241022', 'anthropic', 'snapshot'],
    ['claude-3-5-sonnet-latest', 'anthropic', 'floating'],
    ['claude-3-5-sonnet-v2@20241022', 'vertex-ai', 'snapshot'],
    ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'aws-bedrock', 'version'],
    ['us.anthropic.claude-3-7-sonnet-20250219-v1:0', 'aws-bedrock', 'version'],
    ['gemini-1.5-pro-002', 'google-genai', 'version'],
    ['gemini-1.5-flash-latest', 'google-genai', 'floating'],
    ['models/gemini-2.0-flash', 'google-genai', 'floating'],
    ['mistral-large-2407', 'mistral', 'snapshot'],
    ['mistral-large-latest', 'mistral', 'floating'],
    ['command-r-08-2024', 'cohere', 'snapshot'],
    ['embed-english-v3.0', 'cohere', 'version'],
  ])('%s → %s, %s', (id, provider, pinning) => {
    expect(classifyModelId(id)).toMatchObject({ provider, pinning });
  });

  it('rejects look-alikes', () => {
    for (const s of [
      'gpt',
      'gpt-4o-prod-deployment',
      'command-line',
      'claude',
      'mistral',
      'models',
      'GPT-4 is great',
    ])
      expect(classifyModelId(s), s).toBeUndefined();
  });

  it('pins Hub ids by revision and refuses local folders', () => {
    expect(classifyHuggingFaceId('org/name', '0123abcd')?.pinning).toBe('hash');
    expect(classifyHuggingFaceId('org/name', 'v2.0')?.pinning).toBe('version');
    expect(classifyHuggingFaceId('org/name')?.pinning).toBe('floating');
    expect(classifyHuggingFaceId('bert-base-uncased')?.id).toBe('bert-base-uncased');
    for (const s of [
      './model',
      'outputs/final',
      'models/bert',
      'checkpoint-500',
      'a/b/c',
      'config/model.json',
    ])
      expect(classifyHuggingFaceId(s), s).toBeUndefined();
  });

  it('pins Ollama tags with an explicit size or quantisation', () => {
    expect(classifyOllamaTag('llama3.1:8b')?.pinning).toBe('version');
    expect(classifyOllamaTag('qwen2.5:7b-instruct-q4_K_M')?.pinning).toBe('version');
    expect(classifyOllamaTag('llama3.1:latest')?.pinning).toBe('floating');
    expect(classifyOllamaTag('mistral')?.pinning).toBe('floating');
  });
});
