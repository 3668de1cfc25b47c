// The AI-system inventory (clause 4.3 scope, Annex A.4 resources), read-only.
import type { AiSystem } from '../../shared/model';
import { label } from './labels';
import { ModelList } from './model-list';

const COLUMNS = [
  'Name',
  'Purpose',
  'Owner',
  'Risk owner',
  'Lifecycle',
  'Deployment',
  'Inventory state',
  'In scope',
  'Models (pinning)',
];

const orDash = (value: string | undefined) => value ?? '—';

/** People scan an inventory by name; the register returns it by id. */
export const byName = (a: AiSystem, b: AiSystem) => a.name.localeCompare(b.name, 'en');

export function InventoryTable({ systems }: { systems: readonly AiSystem[] }) {
  const rows = [...systems].sort(byName);
  return (
    <div className="table-scroll">
      <table className="inventory">
        <caption>
          {systems.length === 1 ? '1 AI system' : `${systems.length} AI systems`} in the register
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((system) => (
            <tr key={system.id} data-system-id={system.id}>
              <th scope="row">{system.name}</th>
              <td>{system.purpose}</td>
              <td>{orDash(system.owner)}</td>
              <td>{orDash(system.riskOwner)}</td>
              <td>{label(system.lifecycleStage)}</td>
              <td>{label(system.deploymentStatus)}</td>
              <td>{label(system.inventoryState)}</td>
              <td>{system.inScope ? 'Yes' : 'No'}</td>
              <td>
                <ModelList components={system.components} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
