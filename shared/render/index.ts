// Output formats: pure functions from what the processes computed to the text a person or a tool reads.
// Nothing here decides anything about the AIMS — the processes (shared/processes/) do; this folder lays
// their results out. Each writer is loaded through its own module so a caller bundles only what it uses.
export { toCsv, csvField } from './csv'; // RFC 4180, spreadsheet-safe
export { escapeHtml, safeHref, externalLink, htmlDocument, htmlTable } from './html';
export { heatMapSvg, barsSvg, type HeatPoint, type Bar } from './svg';
export { toICalendar, escapeText, foldLine, type ICalendarOptions } from './icalendar'; // RFC 5545
export { SOA_COLUMNS, soaToCsv, soaToJson, soaToHtml } from './soa'; // 6.1.3 d)
export { buildEvidencePack, relativeHref, pageName, type PackFile, type PackOptions } from './evidence-pack';
export { cycloneDxDocument, cycloneDxJson, type CycloneDxOptions } from './cyclonedx'; // CycloneDX 1.6 AI-BOM
