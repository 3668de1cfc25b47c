// The models an AI system uses, each with how firmly its version is pinned.
import type { AiSystem } from '../../shared/model';
import { label } from './labels';

type Model = Extract<AiSystem['components'][number], { kind: 'model' }>;

/** Pinnings that let the model change underneath the system without a code change. */
const UNPINNED = new Set<Model['pinning']>(['floating', 'implicit-default', 'unknown']);

export function ModelList({ components }: { components: AiSystem['components'] }) {
  const models = components.filter((c): c is Model => c.kind === 'model');
  if (models.length === 0) return <span className="muted">none recorded</span>;
  return (
    <ul className="models">
      {models.map((model) => (
        <li key={model.id}>
          <code>{model.id}</code>
          {model.provider ? <span className="muted"> ({model.provider})</span> : null}{' '}
          <span className={UNPINNED.has(model.pinning) ? 'pin pin-loose' : 'pin'}>
            {label(model.pinning)}
          </span>
        </li>
      ))}
    </ul>
  );
}
