import { describe, expect, it } from 'vitest';
import { detectProse } from '../../../shared/discovery';

const providers = (text: string) =>
  [...new Set(detectProse(text, 'T-1#d').flatMap((f) => (f.provider ? [f.provider] : [])))].sort();
const models = (text: string) =>
  detectProse(text, 'T-1#d').flatMap((f) =>
    f.model ? [`${f.model.provider}:${f.model.id}:${f.model.pinning}`] : [],
  );

describe('prose detector', () => {
  it('finds hosted model ids with the same classifier as code, and their pinning', () => {
    expect(
      models(
        'Switch the triage bot to gpt-4o-2024-08-06. Later maybe claude-3-5-sonnet-latest, or gemini-1.5-pro.',
      ),
    ).toEqual([
      'openai:gpt-4o-2024-08-06:snapshot',
      'anthropic:claude-3-5-sonnet-latest:floating',
      'google-genai:gemini-1.5-pro:floating',
    ]);
  });

  it('names providers from product names, whole words only, and ambiguous words only capitalised', () => {
    expect(providers('We call Azure OpenAI and AWS Bedrock; embeddings on Hugging Face.')).toEqual([
      'aws-bedrock',
      'azure-openai',
      'huggingface-hub',
      'openai',
    ]);
    expect(providers('the teams cohere, a mistral wind, our bedrock principles, openaiwrapper')).toEqual([]);
    expect(providers('Cohere rerank and Mistral for drafts')).toEqual(['cohere', 'mistral']);
  });

  it('marks OpenAI as weak beside Azure OpenAI', () => {
    const f = detectProse('Azure OpenAI deployment', 'T-1#d').find((x) => x.provider === 'openai');
    expect(f?.supersededBy).toEqual(['azure-openai']);
  });

  it('reads Hugging Face model URLs as Hub models, not other URLs', () => {
    expect(
      models(
        'Base model: https://huggingface.co/mistralai/Mistral-7B-v0.1. Repo https://github.com/acme/bot',
      ),
    ).toEqual(['huggingface-hub:mistralai/Mistral-7B-v0.1:floating']);
  });

  it('puts the origin and 1-based line in the evidence, and ignores words that are not ids', () => {
    const [finding] = detectProse('Intro\nWe will use gpt-4.1-mini here.', 'AI-7#description');
    expect(finding?.evidence).toMatchObject({
      path: 'AI-7#description',
      line: 2,
      detector: 'prose:model-id',
    });
    expect(detectProse('gpt is great; o1 is a typo; version 4.1', 'x')).toEqual([]);
  });

  it('stays quiet on empty, huge or binary-looking text', () => {
    expect(detectProse('', 'x')).toEqual([]);
    expect(detectProse('\u0000\u0001'.repeat(1000), 'x')).toEqual([]);
    expect(detectProse(`${'a'.repeat(300_000)} gpt-4o`, 'x')).toEqual([]);
  });
});
