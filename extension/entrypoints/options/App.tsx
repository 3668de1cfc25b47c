// The options page: the AI-system inventory, read from the background, plus the demo loader.
import { useCallback, useEffect, useState } from 'react';
import type { AiSystem } from '../../../shared/model';
import { askBackground } from '../../background/client';
import { EmptyInventory } from '../../components/empty-inventory';
import { InventoryTable } from '../../components/inventory-table';

type Inventory =
  { state: 'loading' } | { state: 'ready'; systems: AiSystem[] } | { state: 'failed'; error: string };

export function App() {
  const [inventory, setInventory] = useState<Inventory>({ state: 'loading' });
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');

  const refresh = useCallback(async () => {
    const reply = await askBackground({ type: 'inventory/list' });
    setInventory(
      reply.ok ? { state: 'ready', systems: reply.systems } : { state: 'failed', error: reply.error },
    );
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  async function loadDemo() {
    setBusy(true);
    setNotice('Loading the demo organisation…');
    const reply = await askBackground({ type: 'demo/load' });
    if (reply.ok) {
      setNotice(
        reply.written === 0
          ? `The demo organisation is already loaded (${reply.records} records).`
          : `Loaded the demo organisation: ${reply.written} of ${reply.records} records written.`,
      );
      await refresh();
    } else {
      setNotice(`Could not load the demo organisation: ${reply.error}`);
    }
    setBusy(false);
  }

  return (
    <main className="page">
      <header className="page-header">
        <div>
          <h1>AI system inventory</h1>
          <p className="muted">The AI systems in your AI management system (ISO/IEC 42001, clause 4.3).</p>
        </div>
        <button type="button" onClick={() => void loadDemo()} disabled={busy} aria-busy={busy}>
          Load demo organisation
        </button>
      </header>

      <p role="status" className="notice">
        {notice}
      </p>

      {inventory.state === 'loading' ? <p className="muted">Reading the register…</p> : null}
      {inventory.state === 'failed' ? (
        <p role="alert" className="error">
          Could not read the register: {inventory.error}
        </p>
      ) : null}
      {inventory.state === 'ready' && inventory.systems.length === 0 ? <EmptyInventory /> : null}
      {inventory.state === 'ready' && inventory.systems.length > 0 ? (
        <InventoryTable systems={inventory.systems} />
      ) : null}
    </main>
  );
}
