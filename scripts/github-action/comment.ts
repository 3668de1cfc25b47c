// The pull-request comment the Action keeps up to date, and the reassessment-reference rule.
// Pure: the `aims github pr --format json` document in, Markdown out.

/** Marks the Action's own comment, so a rerun edits it instead of adding another. */
export const COMMENT_MARKER = '<!-- aims-lens:reassessment-gate -->';

export interface PrTriggerDoc {
  pullRequest: { repository: string; number: number; url: string };
  base: { ref: string; commit: string };
  head: { ref: string; commit: string };
  triggers: {
    type: string;
    systemName: string;
    root: string;
    before: string | null;
    after: string | null;
    detail: string;
    clauses: string[];
    evidence: { path: string; line: number; url: string | null }[];
  }[];
  warnings: string[];
}

/**
 * Page-derived text (system names, model ids, paths) as inert Markdown: no HTML, no links, no
 * mentions, no table breaks. Backslash-escapes every Markdown punctuation character.
 */
export function inert(text: string): string {
  return text
    .slice(0, 300)
    .split('')
    .map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? ' ' : c))
    .join('')
    .replace(/[\\`*_{}[\]()#+\-.!|~@:"'=]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A URL as a Markdown link target: parentheses and spaces percent-encoded so the link cannot end early. */
const linkTarget = (url: string) => url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');

/** Whether the body or a label says a reassessment was made or is planned. */
export function referencesReassessment(
  body: string | null,
  labels: readonly string[],
  pattern: string,
  reassessmentLabels: readonly string[],
): boolean {
  const wanted = new Set(reassessmentLabels.map((l) => l.trim().toLowerCase()).filter(Boolean));
  if (labels.some((l) => wanted.has(l.toLowerCase()))) return true;
  if (!body) return false;
  return new RegExp(pattern, 'i').test(body);
}

export function commentBody(
  doc: PrTriggerDoc,
  verdict: { referenced: boolean; mode: 'fail' | 'warn' },
): string {
  const lines = [COMMENT_MARKER, '### AIMS Lens: AI components in this pull request', ''];
  if (doc.triggers.length === 0) {
    lines.push(
      'No change to an AI system, model or provider: no reassessment is due (ISO/IEC 42001 8.2, 8.4).',
    );
  } else {
    lines.push(
      `This pull request raises **${doc.triggers.length}** reassessment trigger${doc.triggers.length === 1 ? '' : 's'} ` +
        `(ISO/IEC 42001 clauses 8.2, 8.4) between \`${doc.base.commit.slice(0, 12)}\` and \`${doc.head.commit.slice(0, 12)}\`.`,
      '',
      '| change | AI system | before | after | clauses | evidence |',
      '|---|---|---|---|---|---|',
    );
    for (const t of doc.triggers) {
      const evidence = t.evidence
        .map((e) =>
          e.url && /^https?:\/\/\S+$/.test(e.url)
            ? `[${inert(`${e.path}:${e.line}`)}](${linkTarget(e.url)})`
            : inert(`${e.path}:${e.line}`),
        )
        .join('<br>');
      lines.push(
        `| ${inert(t.type)} | ${inert(t.systemName)} (${inert(t.root)}) | ${inert(t.before ?? '—')} | ${inert(t.after ?? '—')} | ${t.clauses.map(inert).join(', ')} | ${evidence || '—'} |`,
      );
    }
    lines.push('');
    if (verdict.referenced) lines.push('✅ The pull request references a reassessment.');
    else
      lines.push(
        `${verdict.mode === 'fail' ? '❌' : '⚠️'} Neither the description nor a label references a reassessment. ` +
          'Link the risk and impact reassessment in the description, or add the reassessment label.',
      );
  }
  if (doc.warnings.length > 0)
    lines.push(
      '',
      `<details><summary>${doc.warnings.length} scan warning(s)</summary>`,
      '',
      ...doc.warnings.slice(0, 20).map((w) => `- ${inert(w)}`),
      '',
      '</details>',
    );
  return lines.join('\n');
}
