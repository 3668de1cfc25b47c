// Atlassian Document Format (Jira Cloud's rich text) to plain text, and plain text back to a minimal
// document. Hostile input (wrong types, cycles of nesting, huge documents) yields what text it can, never throws.

const BLOCKS = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'codeBlock',
  'listItem',
  'bulletList',
  'orderedList',
  'panel',
  'rule',
  'table',
  'tableRow',
  'mediaGroup',
  'mediaSingle',
  'expand',
  'nestedExpand',
  'decisionList',
  'decisionItem',
  'taskList',
  'taskItem',
]);
const CELLS = new Set(['tableCell', 'tableHeader', 'table_cell', 'table_header']);
const MAX_DEPTH = 64;
const MAX_CHARS = 256 * 1024;

type Node = { type?: unknown; text?: unknown; content?: unknown; attrs?: unknown };

function attr(node: Node, name: string): string | undefined {
  const attrs = node.attrs;
  if (!attrs || typeof attrs !== 'object') return undefined;
  const value = (attrs as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Plain text of an ADF document (or of a Data Center wiki-markup string, returned as is). Blocks end
 * in a newline, table cells are separated by ' | ', mentions and links keep their visible text or URL.
 * At most 256 KiB of text; nesting deeper than 64 levels is skipped.
 */
export function adfToText(document: unknown): string {
  if (typeof document === 'string') return document.slice(0, MAX_CHARS);
  if (!document || typeof document !== 'object') return '';
  const out: string[] = [];
  let size = 0;
  const push = (text: string) => {
    if (size >= MAX_CHARS) return;
    const part = text.slice(0, MAX_CHARS - size);
    out.push(part);
    size += part.length;
  };
  const walk = (value: unknown, depth: number) => {
    if (depth > MAX_DEPTH || size >= MAX_CHARS || !value || typeof value !== 'object') return;
    const node = value as Node;
    const type = typeof node.type === 'string' ? node.type : '';
    if (type === 'text') return push(typeof node.text === 'string' ? node.text : '');
    if (type === 'hardBreak') return push('\n');
    if (type === 'mention') return push(attr(node, 'text') ?? '@someone');
    if (type === 'emoji') return push(attr(node, 'text') ?? attr(node, 'shortName') ?? '');
    if (type === 'inlineCard' || type === 'blockCard' || type === 'embedCard')
      return push(attr(node, 'url') ?? '');
    if (type === 'status') return push(attr(node, 'text') ?? '');
    if (type === 'date') return push(attr(node, 'timestamp') ?? '');
    const children = Array.isArray(node.content) ? node.content : [];
    if (type === 'listItem' || type === 'taskItem' || type === 'decisionItem') push('- ');
    children.forEach((child, i) => {
      if (CELLS.has(type) && i > 0) push(' ');
      walk(child, depth + 1);
      if (type === 'tableRow' && i < children.length - 1) push(' | ');
    });
    if (BLOCKS.has(type) && out.length > 0 && !out[out.length - 1]?.endsWith('\n')) push('\n');
  };
  walk(document, 0);
  return out
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A minimal ADF document holding `text` as paragraphs (one per line). */
export function textToAdf(text: string): { type: 'doc'; version: 1; content: AdfParagraph[] } {
  const paragraphs = text
    .split(/\r?\n/)
    .map((line): AdfParagraph =>
      line === ''
        ? { type: 'paragraph', content: [] }
        : { type: 'paragraph', content: [{ type: 'text', text: line }] },
    );
  return { type: 'doc', version: 1, content: paragraphs };
}

interface AdfParagraph {
  type: 'paragraph';
  content: { type: 'text'; text: string }[];
}
