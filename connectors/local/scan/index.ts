// The local scanner's public face; the pieces it shares with every other scanner live in shared/discovery.
export * from './analyse';
export * from './analyse-files';
export * from './parallel';
export * from './pool';
export * from './read-batch';
export * from './read-bytes';
export * from './read-file';
export * from './repo-rules';
export * from './scan-directory';
export * from './walk';
export { IgnoreRules } from '../../../shared/discovery/ignore-rules';
export { DEFAULT_MAX_BYTES, HEAD_BYTES } from '../../../shared/discovery/limits';
export { SKIPPED_DIRS, inSkippedDir } from '../../../shared/discovery/skipped-dirs';
export {
  prepareModelFile,
  prepareSource,
  type BytesRead,
  type Prepared,
} from '../../../shared/discovery/source-file';
