// Public API of the discovery engine: pure detectors the filesystem scanner drives.
export { decodeText } from './decode';
export { detectFile } from './detect';
export { DETECTORS, detectorFor, isCandidatePath, wantsHeadOnly } from './registry';
export type { Detector, DetectorInput } from './detector';
export { assembleReport } from './report';
export { isEmptyAnalysis } from './types';
export { LIBRARY_DEFAULTS } from './library-defaults';
export { detectProse } from './prose';
export { classifyModelId, classifyHuggingFaceId, classifyOllamaTag } from './model-ids';
export type {
  DeclaredDependency,
  DefaultRequest,
  DeploymentDefinition,
  EntryPointHint,
  FileAnalysis,
  SourceFile,
} from './types';
export * from './findings';
