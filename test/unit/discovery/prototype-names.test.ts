// Names read from a repository that happen to be Object.prototype keys must not reach the lookup tables'
// prototypes: a dependency called 'constructor' once made a whole manifest fail.
import { describe, expect, it } from 'vitest';
import { isCandidatePath, wantsHeadOnly } from '../../../shared/discovery';
import { analyse, providers } from './helpers';

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

describe('names that are Object.prototype keys', () => {
  it('are not model files', () => {
    for (const name of NAMES) {
      expect(isCandidatePath(`models/${name}`), name).toBe(false);
      expect(wantsHeadOnly(name), name).toBe(false);
    }
  });

  it('leave the rest of a manifest intact', () => {
    const deps = Object.fromEntries([...NAMES, 'openai'].map((n) => [n, '1.0.0']));
    const npm = analyse('package.json', JSON.stringify({ name: 'x', dependencies: deps }));
    expect(npm.warnings).toBeUndefined();
    expect(providers(npm)).toEqual(['openai']);
    const pypi = analyse('requirements.txt', [...NAMES, 'anthropic'].map((n) => `${n}==1.0\n`).join(''));
    expect(pypi.warnings).toBeUndefined();
    expect(providers(pypi)).toEqual(['anthropic']);
    const gems = analyse('Gemfile', [...NAMES, 'ruby-openai'].map((n) => `gem '${n}'\n`).join(''));
    expect(gems.warnings).toBeUndefined();
    expect(providers(gems)).toEqual(['openai']);
  });

  it('are not AI actions, library providers or pipeline defaults', () => {
    const workflow = analyse(
      '.github/workflows/ci.yml',
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: constructor@v1\n',
    );
    expect(workflow.findings).toEqual([]);
    expect(workflow.warnings).toBeUndefined();
    const code = analyse(
      'app.py',
      'from transformers import pipeline\nclf = pipeline(task="constructor")\nclf2 = pipeline(task="__proto__")\n',
    );
    expect(code.warnings).toBeUndefined();
  });
});
