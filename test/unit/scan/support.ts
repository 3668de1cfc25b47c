// Temp trees and git repositories for scanner and diff tests.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir as makeTempDir } from '../../support/temp';

/** A new empty folder for a scan tree (`aims-scan-XXXXXX` unless labelled otherwise). */
export const tempDir = (label = 'scan') => makeTempDir(label);

/** Writes files (path → content) under root, creating folders. */
export function writeTree(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

export function initRepo(root: string): void {
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'config', 'commit.gpgsign', 'false');
}

/** Stages everything and commits; returns the commit SHA. */
export function commitAll(root: string, message: string): string {
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', message);
  return git(root, 'rev-parse', 'HEAD');
}

/** A new repository at `base`, then `head` written over it and committed: the two commits' SHAs. */
export function twoCommits(
  label: string,
  base: Record<string, string | Uint8Array>,
  head: Record<string, string | Uint8Array>,
): { root: string; base: string; head: string } {
  const root = tempDir(label);
  initRepo(root);
  writeTree(root, base);
  const first = commitAll(root, 'base');
  writeTree(root, head);
  return { root, base: first, head: commitAll(root, 'head') };
}

export const OPENAI_APP = (model: string) =>
  [
    'from openai import OpenAI',
    '',
    'client = OpenAI()',
    '',
    'def answer(question: str) -> str:',
    '    response = client.chat.completions.create(',
    `        model="${model}",`,
    '        messages=[{"role": "user", "content": question}],',
    '    )',
    '    return response.choices[0].message.content',
    '',
  ].join('\n');

/** A folder scan's report without its coverage (which only the folder walk counts), for comparing scanners. */
export function sansCoverage<T extends { coverage?: unknown }>(report: T): Omit<T, 'coverage'> {
  const { coverage: _coverage, ...rest } = report;
  return rest;
}
