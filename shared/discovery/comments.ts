// Comment stripping that understands strings, so that mentions in comments, docstrings and
// commented-out code never count as usage. Output keeps every offset and line number: stripped
// characters become spaces, newlines stay. Multi-line strings (docstrings, prompt templates, Go raw
// strings) are blanked too: their content is prose or examples, not calls.

/** Comment and string rules by family; a language or detector names the one its files use. */
export type Syntax =
  'python' | 'c-like' | 'go' | 'csharp' | 'ruby' | 'hash' | 'hcl' | 'bicep' | 'rust' | 'php';

interface Rules {
  lineComments: readonly string[];
  block?: readonly [string, string];
  quotes: string;
  /** Python / Java / C# / Bicep triple-quoted strings. */
  triple?: string;
  /** Backtick strings that may span lines (JS templates, Go raw strings). */
  backtick?: 'template' | 'raw';
  regexLiterals?: boolean;
  /** Characters that can start a comment or string: everything else is skipped in one jump. */
  starts: RegExp;
  /** '#' starts a comment only at line start or after whitespace (shell, YAML, Dockerfile). */
  hashNeedsSpace?: boolean;
  verbatimAt?: boolean;
  rubyBlock?: boolean;
}

const RULES: Record<Syntax, Rules> = {
  python: { lineComments: ['#'], quotes: `'"`, triple: `'"`, starts: /[#'"]/g },
  'c-like': {
    lineComments: ['//'],
    block: ['/*', '*/'],
    quotes: `'"`,
    triple: '"',
    backtick: 'template',
    regexLiterals: true,
    starts: /[/'"`]/g,
  },
  go: { lineComments: ['//'], block: ['/*', '*/'], quotes: `'"`, backtick: 'raw', starts: /[/'"`]/g },
  csharp: {
    lineComments: ['//'],
    block: ['/*', '*/'],
    quotes: `'"`,
    triple: '"',
    verbatimAt: true,
    starts: /[/'"@]/g,
  },
  ruby: { lineComments: ['#'], quotes: `'"`, rubyBlock: true, starts: /[#'"=]/g },
  hash: { lineComments: ['#'], quotes: `'"`, hashNeedsSpace: true, starts: /[#'"]/g },
  hcl: { lineComments: ['#', '//'], block: ['/*', '*/'], quotes: '"', starts: /[#/"]/g },
  bicep: { lineComments: ['//'], block: ['/*', '*/'], quotes: "'", triple: "'", starts: /[/']/g },
  // Rust's `'a` lifetimes are not strings: only double quotes open one.
  rust: { lineComments: ['//'], block: ['/*', '*/'], quotes: '"', starts: /[/"]/g },
  php: { lineComments: ['//', '#'], block: ['/*', '*/'], quotes: `'"`, starts: /[/#'"]/g },
};

const REGEX_PRECEDERS = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '\n', '']);

function blank(text: string, from: number, to: number): string {
  // Keep newlines so line numbers survive.
  return text.slice(from, to).replace(/[^\n]/g, ' ');
}

function lastSignificant(out: string[]): string {
  for (let i = out.length - 1; i >= 0; i--) {
    const chunk = out[i] ?? '';
    for (let j = chunk.length - 1; j >= 0; j--) {
      const c = chunk[j] ?? '';
      if (c !== ' ' && c !== '\t' && c !== '\r') return c;
    }
  }
  return '';
}

/** Returns the text with comments and multi-line string contents replaced by spaces. */
export function stripComments(text: string, syntax: Syntax): string {
  const rules = RULES[syntax];
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  let copyFrom = 0;
  const flush = (to: number): void => {
    if (to > copyFrom) out.push(text.slice(copyFrom, to));
  };
  const starts = new RegExp(rules.starts.source, 'g');
  while (i < n) {
    // Jump straight to the next character that can open a comment or a string.
    starts.lastIndex = i;
    const next = starts.exec(text);
    if (!next) break;
    i = next.index;
    const c = text[i] ?? '';
    // Line comments.
    let isLineComment = false;
    for (const token of rules.lineComments) {
      if (text.startsWith(token, i)) {
        if (token === '#' && rules.hashNeedsSpace && i > 0) {
          const prev = text[i - 1];
          if (prev !== ' ' && prev !== '\t' && prev !== '\n') continue;
        }
        isLineComment = true;
        break;
      }
    }
    if (isLineComment) {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? n : end;
      flush(i);
      out.push(blank(text, i, stop));
      i = stop;
      copyFrom = i;
      continue;
    }
    if (rules.block && text.startsWith(rules.block[0], i)) {
      const end = text.indexOf(rules.block[1], i + rules.block[0].length);
      const stop = end === -1 ? n : end + rules.block[1].length;
      flush(i);
      out.push(blank(text, i, stop));
      i = stop;
      copyFrom = i;
      continue;
    }
    if (rules.rubyBlock && c === '=' && (i === 0 || text[i - 1] === '\n') && text.startsWith('=begin', i)) {
      const end = text.indexOf('\n=end', i);
      const stop = end === -1 ? n : end + 5;
      flush(i);
      out.push(blank(text, i, stop));
      i = stop;
      copyFrom = i;
      continue;
    }
    // Triple-quoted strings.
    if (rules.triple && rules.triple.includes(c) && text.startsWith(c + c + c, i)) {
      const close = c + c + c;
      const end = text.indexOf(close, i + 3);
      const stop = end === -1 ? n : end + 3;
      const body = text.slice(i + 3, stop - 3);
      if (body.includes('\n')) {
        flush(i + 3);
        out.push(blank(text, i + 3, Math.max(i + 3, stop - 3)));
        copyFrom = Math.max(i + 3, stop - 3);
      }
      i = stop;
      continue;
    }
    if (rules.verbatimAt && c === '@' && text[i + 1] === '"') {
      let j = i + 2;
      while (j < n) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      i = Math.min(n, j + 1);
      continue;
    }
    if (c === '`' && rules.backtick) {
      let j = i + 1;
      while (j < n && text[j] !== '`') j += rules.backtick === 'template' && text[j] === '\\' ? 2 : 1;
      const stop = Math.min(n, j + 1);
      if (text.slice(i + 1, stop - 1).includes('\n')) {
        flush(i + 1);
        out.push(blank(text, i + 1, Math.max(i + 1, stop - 1)));
        copyFrom = Math.max(i + 1, stop - 1);
      }
      i = stop;
      continue;
    }
    if (rules.quotes.includes(c)) {
      // Ordinary string: runs to the closing quote or the end of the line.
      let j = i + 1;
      while (j < n) {
        const d = text[j];
        if (d === '\\') j += 2;
        else if (d === c || d === '\n') break;
        else j++;
      }
      i = Math.min(n, j + 1);
      continue;
    }
    if (rules.regexLiterals && c === '/') {
      flush(i);
      copyFrom = i;
      const prev = lastSignificant(out);
      if (REGEX_PRECEDERS.has(prev)) {
        let j = i + 1;
        let inClass = false;
        while (j < n) {
          const d = text[j];
          if (d === '\\') j += 2;
          else if (d === '\n') break;
          else if (d === '[') {
            inClass = true;
            j++;
          } else if (d === ']') {
            inClass = false;
            j++;
          } else if (d === '/' && !inClass) break;
          else j++;
        }
        i = Math.min(n, j + 1);
        continue;
      }
    }
    i++;
  }
  flush(n);
  return out.join('');
}
