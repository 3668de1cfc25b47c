// Local model files, recognised by name and, where the format has one, by header magic.
// Only the head bytes are ever looked at: model files can be gigabytes.
import type { Confidence, ProviderId } from './findings';
import { basename, segments } from './paths';
import { makeFinding } from './text';
import type { FileAnalysis, SourceFile } from './types';

interface Format {
  format: string;
  provider?: ProviderId;
  /** True when the head bytes carry this format's magic; undefined when the format has none. */
  magic?: (head: Uint8Array, size: number) => boolean;
  /** Pickles count only next to ML code or in a models/ folder. */
  needsMlContext?: boolean;
}

const startsWith = (head: Uint8Array, bytes: readonly number[], at = 0): boolean =>
  bytes.every((b, i) => head[at + i] === b);
const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const HDF5 = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const isPickle = (head: Uint8Array): boolean =>
  head[0] === 0x80 && (head[1] ?? 0) >= 2 && (head[1] ?? 0) <= 5;

/** safetensors: u64 little-endian JSON header length, then the JSON header itself. */
function isSafetensors(head: Uint8Array, size: number): boolean {
  if (head.length < 9) return false;
  let length = 0;
  for (let i = 7; i >= 0; i--) length = length * 256 + (head[i] ?? 0);
  return length > 1 && length <= Math.max(size - 8, 1) && length < 100_000_000 && head[8] === 0x7b;
}

/** ONNX ModelProto starts with field 1 (ir_version, varint): tag byte 0x08 and a small version. */
const isOnnx = (head: Uint8Array): boolean =>
  head[0] === 0x08 && (head[1] ?? 0xff) > 0 && (head[1] ?? 0xff) < 0x20;

const EXTENSIONS: Record<string, Format> = {
  '.gguf': { format: 'gguf', provider: 'llama-cpp', magic: (h) => startsWith(h, ascii('GGUF')) },
  '.ggml': {
    format: 'ggml',
    provider: 'llama-cpp',
    magic: (h) =>
      startsWith(h, ascii('lmgg')) || startsWith(h, ascii('tjgg')) || startsWith(h, ascii('fmgg')),
  },
  '.safetensors': { format: 'safetensors', magic: isSafetensors },
  '.onnx': { format: 'onnx', provider: 'onnxruntime', magic: isOnnx },
  '.tflite': { format: 'tflite', provider: 'tensorflow', magic: (h) => startsWith(h, ascii('TFL3'), 4) },
  '.h5': { format: 'hdf5', provider: 'tensorflow', magic: (h) => startsWith(h, HDF5) },
  '.hdf5': { format: 'hdf5', provider: 'tensorflow', magic: (h) => startsWith(h, HDF5) },
  '.keras': {
    format: 'keras',
    provider: 'tensorflow',
    magic: (h) => startsWith(h, ZIP) || startsWith(h, HDF5),
  },
  '.pt': { format: 'pytorch', provider: 'pytorch', magic: (h) => startsWith(h, ZIP) || isPickle(h) },
  '.pth': { format: 'pytorch', provider: 'pytorch', magic: (h) => startsWith(h, ZIP) || isPickle(h) },
  '.ckpt': { format: 'checkpoint', provider: 'pytorch', magic: (h) => startsWith(h, ZIP) || isPickle(h) },
  '.mlmodel': { format: 'coreml', provider: 'coreml' },
  '.pkl': { format: 'pickle', provider: 'scikit-learn', magic: isPickle, needsMlContext: true },
  '.pickle': { format: 'pickle', provider: 'scikit-learn', magic: isPickle, needsMlContext: true },
  '.joblib': { format: 'joblib', provider: 'scikit-learn', needsMlContext: true },
};

const NAMES: Record<string, Format> = {
  'saved_model.pb': { format: 'tf-savedmodel', provider: 'tensorflow' },
  'saved_model.pbtxt': { format: 'tf-savedmodel', provider: 'tensorflow' },
  'pytorch_model.bin': {
    format: 'pytorch',
    provider: 'pytorch',
    magic: (h) => startsWith(h, ZIP) || isPickle(h),
  },
  'tf_model.h5': { format: 'hdf5', provider: 'tensorflow', magic: (h) => startsWith(h, HDF5) },
};

// Maps: fast on every file's name, and a name read from disk never finds Object.prototype's entries.
const BY_EXTENSION = new Map(Object.entries(EXTENSIONS));
const BY_NAME = new Map(Object.entries(NAMES));

/** Folder names that make a pickle a model artefact even without ML code next to it. */
const MODEL_DIRS = /^(?:models?|artifacts?|checkpoints?|weights|ml|trained_models?|saved_models?)$/i;

function formatOf(path: string): Format | undefined {
  return formatOfName(basename(path).toLowerCase());
}

/** `name`: a lower-cased base name. */
function formatOfName(name: string): Format | undefined {
  const byName = BY_NAME.get(name);
  if (byName) return byName;
  if (name.startsWith('ggml-') && /^ggml-.*\.bin$/.test(name))
    return { format: 'ggml', provider: 'llama-cpp' };
  const dot = name.lastIndexOf('.');
  return dot === -1 ? undefined : BY_EXTENSION.get(name.slice(dot));
}

export function isModelFilePath(path: string): boolean {
  return formatOf(path) !== undefined;
}

/** isModelFilePath by the lower-cased base name alone (all it looks at). */
export function isModelFileName(name: string): boolean {
  return formatOfName(name) !== undefined;
}

export function analyseModelFile(file: SourceFile, analysis: FileAnalysis): void {
  const format = formatOf(file.path);
  if (!format) return;
  const head = file.head ?? new Uint8Array(0);
  let confidence: Confidence = 'medium';
  if (format.magic && head.length > 0) {
    if (!format.magic(head, file.size)) {
      // Wrong header: a renamed text file or an LFS pointer, not a model.
      if (!isLfsPointer(head)) return;
      confidence = 'low';
    } else confidence = 'high';
  }
  const model = {
    id: file.path,
    pinning: file.contentHash ? ('hash' as const) : ('unknown' as const),
    resolvedFrom: 'file',
    format: format.format,
    ...(format.provider ? { provider: format.provider } : {}),
    ...(file.contentHash ? { contentHash: file.contentHash } : {}),
  };
  const finding = makeFinding({
    kind: 'model-file',
    path: file.path,
    line: 1,
    detector: `model-file:${format.format}`,
    confidence,
    snippet: `${basename(file.path)} (${format.format}, ${file.size} bytes)`,
    provider: format.provider,
    model,
  });
  const inModelDir = segments(file.path)
    .slice(0, -1)
    .some((s) => MODEL_DIRS.test(s));
  if (format.needsMlContext && !inModelDir) {
    analysis.contextualFindings = [...(analysis.contextualFindings ?? []), finding];
    return;
  }
  analysis.findings.push(finding);
}

/** Git LFS pointer files stand in for real model files in many clones. */
function isLfsPointer(head: Uint8Array): boolean {
  return startsWith(head, ascii('version https://git-lfs'));
}
