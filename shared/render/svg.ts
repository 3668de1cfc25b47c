// Inline SVG charts for the evidence pack: a 5×5 risk heat map and readiness bars per clause. Pure
// string builders; every label is escaped and nothing refers to an outside resource.
import type { RiskMethodology } from '../model';
import { escapeHtml } from './html';

export interface HeatPoint {
  likelihood: number;
  consequence: number;
  /** Shown in the cell's tooltip, e.g. 'Claims triage r1'. */
  label: string;
}

const BAND_COLOURS = ['#cdebd3', '#fff0b3', '#ffcf9e', '#f5a3a3', '#e07a7a'];

/** Colour of a score from the methodology's bands (low → high), or by score thirds without one. */
function colourFor(score: number, bands: RiskMethodology['bands'] | undefined): string {
  if (bands && bands.length > 0) {
    const sorted = [...bands].sort((a, b) => a.min - b.min);
    const index = sorted.findIndex((b) => b.min <= score && score <= b.max);
    const scaled =
      index < 0 ? 0 : Math.round((index * (BAND_COLOURS.length - 2)) / Math.max(1, sorted.length - 1));
    return BAND_COLOURS[scaled] ?? BAND_COLOURS[0]!;
  }
  return BAND_COLOURS[score >= 15 ? 3 : score >= 8 ? 2 : score >= 4 ? 1 : 0]!;
}

/** A 5×5 grid, likelihood up the side and consequence along the bottom, counts in the cells. */
export function heatMapSvg(
  points: readonly HeatPoint[],
  options: { title: string; bands?: RiskMethodology['bands'] },
): string {
  const cell = 56;
  const left = 86;
  const top = 30;
  const size = cell * 5;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${left + size + 10}" height="${top + size + 52}" viewBox="0 0 ${left + size + 10} ${top + size + 52}">`,
    `<title>${escapeHtml(options.title)}</title>`,
    `<text x="${left}" y="18" font-size="14" font-weight="600">${escapeHtml(options.title)}</text>`,
  );
  for (let likelihood = 5; likelihood >= 1; likelihood--) {
    for (let consequence = 1; consequence <= 5; consequence++) {
      const x = left + (consequence - 1) * cell;
      const y = top + (5 - likelihood) * cell;
      const here = points.filter((p) => p.likelihood === likelihood && p.consequence === consequence);
      const tip = `likelihood ${likelihood} × consequence ${consequence} = ${likelihood * consequence}: ${here.length} risk(s)${here.length ? ` — ${here.map((p) => p.label).join('; ')}` : ''}`;
      parts.push(
        `<g><title>${escapeHtml(tip)}</title>`,
        `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${colourFor(likelihood * consequence, options.bands)}" stroke="#ffffff" stroke-width="2"/>`,
        here.length > 0
          ? `<text x="${x + cell / 2}" y="${y + cell / 2 + 6}" text-anchor="middle" font-size="18" font-weight="700">${here.length}</text>`
          : '',
        '</g>',
      );
    }
    parts.push(
      `<text x="${left - 8}" y="${top + (5 - likelihood) * cell + cell / 2 + 4}" text-anchor="end" font-size="12">${likelihood}</text>`,
    );
  }
  for (let consequence = 1; consequence <= 5; consequence++) {
    parts.push(
      `<text x="${left + (consequence - 1) * cell + cell / 2}" y="${top + size + 16}" text-anchor="middle" font-size="12">${consequence}</text>`,
    );
  }
  parts.push(
    `<text x="${left + size / 2}" y="${top + size + 40}" text-anchor="middle" font-size="12">consequence (worst dimension)</text>`,
    `<text x="14" y="${top + size / 2}" font-size="12" transform="rotate(-90 14 ${top + size / 2})" text-anchor="middle">likelihood</text>`,
    '</svg>',
  );
  return parts.filter(Boolean).join('\n');
}

export interface Bar {
  label: string;
  percent: number;
  /** Optional relative link the bar's label points to. */
  href?: string;
}

/** Horizontal bars 0–100 %, one per row. */
export function barsSvg(bars: readonly Bar[], options: { title: string }): string {
  const row = 22;
  const labelWidth = 250;
  const barWidth = 300;
  const height = 30 + bars.length * row;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${labelWidth + barWidth + 60}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 60} ${height}">`,
    `<title>${escapeHtml(options.title)}</title>`,
    `<text x="0" y="16" font-size="14" font-weight="600">${escapeHtml(options.title)}</text>`,
  ];
  bars.forEach((bar, i) => {
    const y = 26 + i * row;
    const pct = Math.max(0, Math.min(100, Math.round(bar.percent)));
    const colour = pct === 100 ? '#2da44e' : pct >= 50 ? '#d4a72c' : '#cf222e';
    // Long titles are cut to fit beside the bar; the full one is in the tooltip.
    const text = bar.label.length > 40 ? `${bar.label.slice(0, 39)}…` : bar.label;
    const label = `<text x="0" y="${y + 13}" font-size="12">${escapeHtml(text)}</text>`;
    parts.push(
      '<g>',
      `<title>${escapeHtml(`${bar.label}: ${pct}%`)}</title>`,
      bar.href ? `<a href="${escapeHtml(bar.href)}">${label}</a>` : label,
      `<rect x="${labelWidth}" y="${y}" width="${barWidth}" height="16" fill="#eaeef2"/>`,
      `<rect x="${labelWidth}" y="${y}" width="${(barWidth * pct) / 100}" height="16" fill="${colour}"/>`,
      `<text x="${labelWidth + barWidth + 6}" y="${y + 13}" font-size="12">${pct}%</text>`,
      '</g>',
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
