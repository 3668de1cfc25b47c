// Repository contents for the GitHub tests: the discovery corpus (real-world shaped projects), read
// the way a clone would hold them.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { FileMap } from './mock-github';

export const CORPUS = join(process.cwd(), 'test', 'fixtures', 'corpus');

export function corpusNames(): string[] {
  return readdirSync(CORPUS)
    .filter((n) => statSync(join(CORPUS, n)).isDirectory())
    .sort();
}

/** Every file of a folder, by posix path, as bytes. */
export function readFolder(root: string): FileMap {
  const out: FileMap = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      const info = statSync(abs);
      if (info.isDirectory()) walk(abs);
      else if (info.isFile())
        out[relative(root, abs).split(sep).join('/')] = new Uint8Array(readFileSync(abs));
    }
  };
  walk(root);
  return out;
}

export type FileMapAlias = FileMap;

export const OPENAI_SUPPORT_BOT = (model: string): FileMap => ({
  'README.md': '# Customer support assistant\n\nAnswers customer questions about policies.\n',
  'requirements.txt': 'openai==1.52.0\nfastapi\n',
  'app/main.py': [
    'from openai import OpenAI',
    '',
    'client = OpenAI()',
    '',
    'def answer(question: str) -> str:',
    `    reply = client.chat.completions.create(model="${model}", messages=[{"role": "user", "content": question}])`,
    '    return reply.choices[0].message.content',
    '',
  ].join('\n'),
  'app/util.py': 'def clean(text):\n    return text.strip()\n',
});
