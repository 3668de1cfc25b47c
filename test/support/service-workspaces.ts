// Workspaces and service worlds the connector CLI tests set up before a service starts failing: a Jira world with
// one AI ticket, a workspace whose epic is linked while Jira still answered, one holding SharePoint evidence.
import type { SetupServer } from 'msw/node';
import { expect } from 'vitest';
import { runCli } from './cli';
import type { FakeSharePoint } from './fake-sharepoint';
import { CLOUD_SITE } from './jira-setup';
import { JiraWorld } from './jira-world';
import { harborWorkspace } from './jira-workspace';

/** The Jira Cloud world with one AI ticket (CLM-7), its handlers added to `server`. */
export function aiTicketJiraWorld(server: SetupServer): JiraWorld {
  const world = new JiraWorld('cloud', CLOUD_SITE).add({
    key: 'CLM-7',
    summary: 'Claims triage on gpt-4o',
    labels: ['ai'],
    changelog: [],
  });
  server.use(...world.handlers());
  return world;
}

/** A workspace whose CLM-7 epic is linked to sys-claims-triage at `now` (ISO time), while Jira still answered. */
export async function linkedWorkspace(now: string): Promise<string> {
  const { dir } = await harborWorkspace();
  const linked = await runCli(
    ['jira', 'link', 'CLM-7', '--system', 'sys-claims-triage', '--url', CLOUD_SITE, '--workspace', dir],
    { now },
  );
  expect(linked.code, linked.err).toBe(0);
  return dir;
}

/**
 * A workspace holding one document of `sharepoint`'s site `siteUrl` pinned as evidence (registered while the
 * service answered), with a newer version uploaded since; `itemId` is the document's Graph item id.
 */
export async function evidenceWorkspace(
  sharepoint: FakeSharePoint,
  siteUrl: string,
): Promise<{ ws: string; itemId: string }> {
  const { dir } = await harborWorkspace();
  const itemId = sharepoint.upload('Policies', 'policy.pdf', 'policy v1', '2026-10-01T10:00:00Z');
  const registered = await runCli([
    ...['sharepoint', 'evidence', 'register', '--site', siteUrl, '--workspace', dir, '--item', itemId],
    ...['--folder', 'Policies', '--by', 'lena.fischer@harbormutual.example'],
  ]);
  expect(registered.code, registered.err).toBe(0);
  sharepoint.upload('Policies', 'policy.pdf', 'policy v2', '2026-11-20T10:00:00Z');
  return { ws: dir, itemId };
}
