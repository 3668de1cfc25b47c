// A workspace (register + sync state) wired to the fake SharePoint, for the connector tests.
import type { Draft } from '../../../shared/model';
import { createMemoryBackend, createRegister, type Register } from '../../../shared/register';
import {
  createGraphClient,
  INVENTORY_LIST_NAME,
  memoryStateStore,
  syncInventoryList,
  type GraphConnection,
} from '../../../connectors/sharepoint';
import { systemDraft, steppingClock } from '../../support/builders';
import { TOKEN, recordingSleep } from '../../support/fake-sharepoint';

export const SITE_URL = 'https://harbormutual.sharepoint.com/sites/compliance';
export const LIST = INVENTORY_LIST_NAME;

export interface Workspace {
  register: Register;
  store: ReturnType<typeof memoryStateStore>;
  waits: number[];
  logs: string[];
  sync(): ReturnType<typeof syncInventoryList>;
  edit(systemId: string, change: Partial<Draft<'ai-system'>>): Promise<void>;
  system(systemId: string): Promise<Draft<'ai-system'>>;
}

export async function workspace(
  systems: Array<Partial<Draft<'ai-system'>>>,
  connection: Partial<GraphConnection> = {},
): Promise<Workspace> {
  const clock = steppingClock('2026-11-28T09:00:00.000Z');
  const register = createRegister(createMemoryBackend(), { clock });
  await register.transact({ actor: 'test', cause: 'seed' }, async (tx) => {
    for (const s of systems) await tx.put('ai-system', systemDraft(s));
  });
  const store = memoryStateStore();
  const { sleep, waits } = recordingSleep();
  const logs: string[] = [];
  const client = createGraphClient({ token: () => TOKEN, sleep, log: (l) => logs.push(l), ...connection });
  return {
    register,
    store,
    waits,
    logs,
    sync: () =>
      syncInventoryList({
        client,
        register,
        store,
        siteUrl: SITE_URL,
        today: '2026-11-28',
        now: clock,
        log: (l) => logs.push(l),
      }),
    async edit(systemId, change) {
      const current = await register.require('ai-system', systemId);
      await register.transact({ actor: 'person', cause: 'edit' }, async (tx) => {
        await tx.put('ai-system', { ...current, ...change });
      });
    },
    system: (systemId) => register.require('ai-system', systemId),
  };
}

export const TWO_SYSTEMS: Array<Partial<Draft<'ai-system'>>> = [
  {
    id: 'sys-claims-triage',
    name: 'Claims triage',
    owner: 'ana@harbormutual.example',
    lifecycleStage: 'operation',
  },
  {
    id: 'sys-support-assistant',
    name: 'Support assistant',
    owner: 'omar@harbormutual.example',
    lifecycleStage: 'deployment',
  },
];
