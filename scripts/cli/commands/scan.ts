import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { scanDirectory } from '../../../connectors/local/scan';
import type { AiSystem } from '../../../shared/model';
import { stringOption, UserError, type Command } from '../command';
import { cycloneDxJson } from '../../../shared/render/cyclonedx';
import { folderArgument, formatOption, maxBytesOption, threadsOption } from '../format/options';
import { scanJson } from '../format/scan-json';
import { scanTable } from '../format/scan-table';

const FORMATS = ['table', 'json', 'cyclonedx'] as const;

export const scanCommand: Command = {
  name: 'scan',
  summary:
    'Discover AI systems (providers, SDKs, models) in source code; optionally merge them into the inventory',
  usage:
    'aims scan [dir] [--format table|json|cyclonedx] [--max-bytes <n>] [--threads <n>] [--workspace <dir>]',
  details: [
    '  dir              folder or git work tree to scan (default: current folder); .gitignore files are honoured',
    '  --format         table (default, for people), json (documented shape), cyclonedx (CycloneDX 1.6 AI-BOM)',
    '  --max-bytes      bytes read per text file, e.g. 2097152 or 2m (default 2m); larger files are cut and named',
    '                   in the warnings; model files are only sniffed (64 KiB) and hashed',
    '  --threads        threads for reading and detection (default: the cores left idle while the scan starts)',
    '  --workspace      merge into this AIMS workspace: new systems enter discovered-unreviewed and out of scope,',
    '                   systems no longer found are marked vanished, evidence items are pinned to the commit',
    '',
    'JSON: { target, scannedFiles, coverage?: { read, skipped: { reason: n }, unreadable, unknownFolders },',
    '        systems: [{ id, name, purpose, root, providers,',
    '        models: [{ id, provider, pinning, resolvedFrom, version?, deployment?, supplier? }],',
    '        components: [{ kind, name, via?, acts?, path, line }],',
    '        evidence: [{ path, line, detector, confidence, snippet }] }], warnings }',
    'Exit codes: 0 scanned (warnings do not fail the scan); 2 usage error.',
  ],
  options: {
    format: { type: 'string', short: 'f' },
    'max-bytes': { type: 'string' },
    threads: { type: 'string' },
    workspace: { type: 'string', short: 'w' },
  },
  positionals: true,
  async run(args, io) {
    const format = formatOption(args, FORMATS, 'table');
    const maxBytes = maxBytesOption(args);
    const folder = folderArgument(args);
    const dir = resolve(io.cwd, folder);
    const info = await stat(dir).catch(() => undefined);
    if (!info?.isDirectory()) throw new UserError(`${folder}: not a folder`);
    const workspace = stringOption(args, 'workspace');
    const root = workspace === undefined ? undefined : resolve(io.cwd, workspace);
    // The register and git code load only for --workspace: a plain scan does not pay for them.
    const sync = root
      ? {
          ...(await import('../../../connectors/local/inventory-sync')),
          ...(await import('../../../connectors/local/git')),
          ...(await import('../../../connectors/local/workspace/scan-index')),
        }
      : undefined;
    // Check the workspace first: a bad workspace should fail before a long scan, not after. A workspace at
    // rest as its scan index describes would open without error, so it is opened only if the merge writes.
    // The records folders are checked now; the AI-system files are stat'ed while the folder is scanned.
    const pending = root && sync ? sync.beginScanIndex(root) : undefined;
    const open = (at: string) => openForMerge(at, { clock: () => io.now().toISOString(), log: io.err });
    let opened = root && !pending ? await open(root) : undefined;
    // Which repository and commit the folder is: git runs while the folder is scanned.
    const described = sync?.describeTarget(dir);
    described?.catch(() => undefined);

    const threads = threadsOption(args);
    // '.' or '..' would name the root system after a dot: show the folder's real path instead.
    const target = /^\.\.?[\\/]*$/.test(folder) ? dir : folder;
    const report = await scanDirectory(dir, { maxBytes, target, ...(threads ? { threads } : {}) });
    const index = await pending?.finish();
    // A file changed since the index: open the workspace as usual, still before anything is printed.
    if (root && !index) opened ??= await open(root);

    if (format === 'json') io.out(JSON.stringify(scanJson(report), null, 2));
    else if (format === 'cyclonedx') io.out(await cycloneDxJson(report, { timestamp: io.now() }));
    else scanTable(report).forEach((line) => io.out(line));

    if (root && sync && described) {
      const target = await described;
      const now = io.now();
      const prepared = await sync.prepareMerge(report, target, now);
      // Through the index, the merge reads only the records it compares with; if they say there is nothing
      // to write, nothing is opened, locked or written.
      const inputs = index
        ? await sync.readIndexedMergeInputs(index, {
            ...prepared.concerns,
            evidenceIds: prepared.evidenceIds,
          })
        : undefined;
      let plan = inputs && prepared.plan(inputs);
      if (!plan || plan.changes.length > 0) {
        opened ??= await open(root);
        plan = await sync.syncInventory(opened.register, report, target, {
          now,
          cause: `aims scan ${folder} at ${target.pinnedVersion}`,
          systems: opened.systems,
          prepared,
        });
        // At rest again: make the index match, so the next unchanged scan reads only what it compares with.
        if (plan.changes.length === 0)
          await sync.refreshScanIndex(
            root,
            { ...prepared.concerns, evidenceIds: prepared.evidenceIds },
            { log: io.err },
          );
      }
      // Keep stdout machine-readable for json / cyclonedx.
      const say = format === 'table' ? io.out : io.err;
      say(
        `Workspace: ${plan.added.length} new (awaiting review), ${plan.updated.length} updated, ` +
          `${plan.vanished.length} vanished, ${plan.evidence.length} evidence item(s) recorded`,
      );
    }
    return 0;
  },
};

/**
 * Opens a workspace for a scan's merge: the register, and its AI systems as stored (not copied; read-only),
 * current after any reload a transaction makes. Evidence items are read one by one, as the scan names them.
 */
async function openForMerge(root: string, options: { clock: () => string; log: (line: string) => void }) {
  const { openFileBackend, nativeSha256Hex } = await import('../../../connectors/local/workspace');
  const { createRegister } = await import('../../../shared/register');
  const backend = await openFileBackend(root, { log: options.log, kinds: ['ai-system'] });
  return {
    register: createRegister(backend, { clock: options.clock, sha256: nativeSha256Hex }),
    systems: () => backend.view('ai-system') as readonly AiSystem[],
  };
}
