// Which overlay host a page belongs to, by its address. The content scripts' match patterns and
// the background's sender check both come from here, so they cannot disagree.
import type { OverlayHost } from './contract';

/**
 * Manifest match patterns of each host's content script (cloud hosts; self-hosted origins are
 * registered at run time, see background/overlay-scripts.ts).
 */
export const HOST_MATCHES: Readonly<Record<OverlayHost, readonly string[]>> = {
  github: ['https://github.com/*'],
  jira: ['https://*.atlassian.net/*'],
  sharepoint: ['https://*.sharepoint.com/*'],
};

const SUFFIX: Readonly<Record<Exclude<OverlayHost, 'github'>, string>> = {
  jira: '.atlassian.net',
  sharepoint: '.sharepoint.com',
};

function parse(address: string | URL): URL | undefined {
  try {
    return new URL(address);
  } catch {
    return undefined;
  }
}

/**
 * The overlay host an https address belongs to, or undefined. A subdomain host must have a
 * non-empty tenant label (`acme.atlassian.net`, never `atlassian.net` or `evil-atlassian.net`).
 */
export function overlayHostOf(address: string | URL): OverlayHost | undefined {
  const url = parse(address);
  if (!url || url.protocol !== 'https:' || url.username || url.password || url.port) return undefined;
  const host = url.hostname.toLowerCase();
  if (host === 'github.com') return 'github';
  for (const [name, suffix] of Object.entries(SUFFIX) as [Exclude<OverlayHost, 'github'>, string][]) {
    if (host.endsWith(suffix) && host.length > suffix.length) return name;
  }
  return undefined;
}
