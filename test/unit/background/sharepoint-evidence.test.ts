// The SharePoint evidence overlay's background side: the status says fresh or superseded with the
// clauses, controls and systems, also for an address of a pinned version; *Register as evidence* records
// on the demo tenant, refuses bad input (other tenants without a sign-in are offered the Connections
// page), and only the SharePoint content script may ask.
import { describe, expect, it } from 'vitest';
import { handleMessage, type BackgroundDeps } from '../../../extension/background/handlers';
import { mayAsk, type SenderRole } from '../../../extension/background/senders';
import { createMemoryBackend, createRegister } from '../../../shared/register';
import { steppingClock, systemDraft } from '../../support/builders';

const SHAREPOINT: SenderRole = {
  kind: 'content-script',
  host: 'sharepoint',
  origin: 'https://harbormutual.sharepoint.com',
};
const CONTOSO: SenderRole = { ...SHAREPOINT, origin: 'https://contoso.sharepoint.com' };
const GITHUB: SenderRole = { kind: 'content-script', host: 'github' };
const SITE = 'https://harbormutual.sharepoint.com/sites/aims';
const DOC = `${SITE}/Shared%20Documents/Policies/ai-policy-2027.docx`;

async function deps(): Promise<BackgroundDeps> {
  const register = createRegister(createMemoryBackend(), {
    clock: steppingClock('2026-11-28T09:00:00.000Z'),
  });
  await register.transact({ actor: 't', cause: 'seed' }, async (tx) => {
    await tx.put('ai-system', systemDraft({ id: 'sys-claims-triage', name: 'Claims triage' }));
  });
  return { register, today: () => '2026-11-28', now: () => '2026-11-28T10:00:00.000Z' };
}

const registerRequest = (over: Record<string, unknown> = {}) => ({
  type: 'overlay/sharepoint-register-evidence' as const,
  url: DOC,
  title: 'ai-policy-2027.docx',
  clauses: ['5.2'],
  controls: ['A.2.2'],
  systemIds: ['sys-claims-triage'],
  ...over,
});

describe('Register as evidence from a SharePoint page', () => {
  it('records the document pinned to a version, and the status then shows it fresh with what it evidences', async () => {
    const d = await deps();
    const before = await handleMessage({ type: 'overlay/sharepoint-status', url: DOC }, d, SHAREPOINT);
    expect(before).toMatchObject({ ok: true, status: { evidence: [] } });
    const reply = await handleMessage(registerRequest(), d, SHAREPOINT);
    expect(reply).toMatchObject({
      ok: true,
      status: {
        systems: [{ id: 'sys-claims-triage', name: 'Claims triage' }],
        evidence: [
          {
            title: 'ai-policy-2027.docx',
            url: `${SITE}/Shared%20Documents/Policies/ai-policy-2027.docx`,
            pinnedVersion: '1.0',
            clauses: ['5.2'],
            controls: ['A.2.2'],
            systemIds: ['sys-claims-triage'],
            state: 'fresh',
          },
        ],
      },
    });
    // The same document seen through the library's preview address.
    const preview = `${SITE}/Shared%20Documents/Forms/AllItems.aspx?id=%2Fsites%2Faims%2FShared%20Documents%2FPolicies%2Fai-policy-2027.docx`;
    const again = await handleMessage({ type: 'overlay/sharepoint-status', url: preview }, d, SHAREPOINT);
    expect(again).toMatchObject({ ok: true, status: { evidence: [{ pinnedVersion: '1.0' }] } });
    // The library view counts it.
    const library = await handleMessage(
      { type: 'overlay/sharepoint-status', url: `${SITE}/Shared%20Documents/Forms/AllItems.aspx` },
      d,
      SHAREPOINT,
    );
    expect(library).toMatchObject({ ok: true, status: { evidence: [{ title: 'ai-policy-2027.docx' }] } });
    const stored = await d.register.list('evidence');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      createdBy: 'aims-extension',
      sourceVersion: {
        versionId: '1.0',
        webUrl: DOC,
        versionUrl: `${SITE}/_vti_history/512/Shared%20Documents/Policies/ai-policy-2027.docx`,
      },
    });
  });

  it('says superseded, with the newer version, once a newer version was seen', async () => {
    const d = await deps();
    await handleMessage(registerRequest(), d, SHAREPOINT);
    const [item] = await d.register.list('evidence');
    if (!item) throw new Error('not recorded');
    await d.register.transact({ actor: 'aims-sharepoint', cause: 'check' }, (tx) =>
      tx.put('evidence', {
        ...item,
        supersededBy: { versionId: '2.0', detectedAt: '2026-11-29T09:00:00.000Z' },
      }),
    );
    const reply = await handleMessage({ type: 'overlay/sharepoint-status', url: DOC }, d, SHAREPOINT);
    expect(reply).toMatchObject({
      ok: true,
      status: { evidence: [{ state: 'superseded', newerVersion: '2.0', pinnedVersion: '1.0' }] },
    });
  });

  it('a file name with %, # and & stays one name: recorded without a fragment, and shown on its page', async () => {
    const d = await deps();
    const name = "100% done #1 & 'final'.pdf";
    const page = `${SITE}/Shared%20Documents/${encodeURIComponent(name)}`;
    const reply = await handleMessage(registerRequest({ url: page, title: name }), d, SHAREPOINT);
    expect(reply).toMatchObject({ ok: true, status: { evidence: [{ title: name, state: 'fresh' }] } });
    const [item] = await d.register.list('evidence');
    const url = new URL(item?.url ?? '');
    expect(url.hash).toBe('');
    expect(decodeURIComponent(url.pathname)).toBe(`/sites/aims/Shared Documents/${name}`);
    expect(item?.sourceVersion?.versionUrl).toBe(
      `${SITE}/_vti_history/512/Shared%20Documents/${encodeURIComponent(name)}`,
    );
  });

  it('refuses bad clauses, unknown systems, non-document pages and other tenants, writing nothing', async () => {
    const d = await deps();
    const refused = [
      registerRequest({ clauses: ['<img src=x onerror=alert(1)>'] }),
      registerRequest({ systemIds: ['sys-nope'] }),
      registerRequest({ url: `${SITE}/SitePages/Home.aspx` }),
      registerRequest({ url: 'https://contoso.sharepoint.com/sites/aims/Shared%20Documents/a.docx' }),
      registerRequest({ url: 'https://evil.example/a.docx' }),
      registerRequest({ title: '' }),
    ];
    for (const request of refused) {
      expect(await handleMessage(request, d, SHAREPOINT)).toMatchObject({
        ok: false,
        error: expect.any(String),
      });
    }
    // A page may not name another tenant's document (its own tenant's page would be needed).
    expect(await handleMessage(refused[3], d, SHAREPOINT)).toMatchObject({
      error: expect.stringMatching(/only its own tenant's documents/),
    });
    // Another tenant's own page without a Microsoft 365 sign-in: offered the Connections page.
    expect(await handleMessage(refused[3], d, CONTOSO)).toMatchObject({
      error: expect.stringMatching(/needs a Microsoft 365 sign-in/),
      remedy: 'open-connections',
    });
    expect(await d.register.list('evidence')).toEqual([]);
  });

  it('only the SharePoint content script (or an extension page) may ask', async () => {
    expect(mayAsk(SHAREPOINT, 'overlay/sharepoint-register-evidence')).toBe(true);
    expect(mayAsk(GITHUB, 'overlay/sharepoint-register-evidence')).toBe(false);
    const d = await deps();
    expect(await handleMessage(registerRequest(), d, GITHUB)).toMatchObject({ ok: false });
    expect(await d.register.list('evidence')).toEqual([]);
  });
});
