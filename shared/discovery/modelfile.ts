// Ollama Modelfiles: `FROM <tag>` names the base model a custom Ollama model is built from; the tag may
// be a library tag (`llama3.2:3b`), a Hub GGUF repository (`hf.co/org/repo-GGUF:Q4_K_M`) or a local file.
import type { ModelRef } from './findings';
import { classifyOllamaTag } from './model-ids';
import { basename } from './paths';
import { LineIndex, makeFinding } from './text';
import type { FileAnalysis } from './types';

/** `Modelfile`, `Modelfile.coder`, `coder.modelfile`. */
export function isModelfilePath(path: string): boolean {
  return isModelfileName(basename(path).toLowerCase());
}

/** isModelfilePath by the lower-cased base name alone (all it looks at). */
export function isModelfileName(name: string): boolean {
  return name === 'modelfile' || name.startsWith('modelfile.') || name.endsWith('.modelfile');
}

const FROM = /^[ \t]*FROM[ \t]+["']?([^\s"']{1,200})/gim;
/** `hf.co/org/repo[:quant]` or `huggingface.co/org/repo[:quant]`. */
const HUB_GGUF =
  /^(?:hf\.co|huggingface\.co)\/[A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95}(?::([\w.-]{1,60}))?$/;

/**
 * A Modelfile's base model. A Hub reference is served by Ollama and pulled from the Hub, so it names both;
 * its quantisation tag fixes which weights are used (`version`), no tag means the repository's default.
 * Local paths (`./model.gguf`) are model files, found by the model-file detector.
 */
export function analyseModelfile(path: string, text: string, analysis: FileAnalysis): void {
  const index = new LineIndex(text);
  for (const m of text.matchAll(FROM)) {
    const value = m[1] ?? '';
    const line = index.lineOf(m.index ?? 0);
    const at = {
      path,
      line,
      detector: 'infra:modelfile',
      confidence: 'high' as const,
      snippet: index.lineText(line),
    };
    let model: ModelRef | undefined;
    const hub = HUB_GGUF.exec(value);
    if (hub) {
      model = {
        id: value,
        provider: 'ollama',
        pinning: hub[1] && hub[1] !== 'latest' ? 'version' : 'floating',
        resolvedFrom: 'config',
      };
      analysis.findings.push(makeFinding({ kind: 'infra', ...at, provider: 'huggingface-hub' }));
    } else if (!/^[./~]|\.gguf$|^\//i.test(value)) {
      const tag = classifyOllamaTag(value);
      if (tag) model = { id: tag.id, provider: 'ollama', pinning: tag.pinning, resolvedFrom: 'config' };
    }
    analysis.findings.push(
      makeFinding({ kind: 'infra', ...at, provider: 'ollama', ...(model ? { model } : {}) }),
    );
  }
}
