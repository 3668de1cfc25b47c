// Tabs with the WAI-ARIA tabs pattern: arrow keys, Home and End move between tabs; the active tab
// is the one in the tab order.
import { useRef, type KeyboardEvent } from 'react';

export interface TabSpec {
  id: string;
  label: string;
}

export function Tabs({
  tabs,
  active,
  onSelect,
}: {
  tabs: readonly TabSpec[];
  active: string;
  onSelect: (id: string) => void;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (event: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[next];
    if (!tab) return;
    onSelect(tab.id);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label="Dashboard views" className="tabs">
      {tabs.map((tab, index) => (
        <button
          key={tab.id}
          ref={(el) => void (refs.current[index] = el)}
          type="button"
          role="tab"
          id={`tab-${tab.id}`}
          aria-selected={tab.id === active}
          aria-controls={`panel-${tab.id}`}
          tabIndex={tab.id === active ? 0 : -1}
          onClick={() => onSelect(tab.id)}
          onKeyDown={(event) => move(event, index)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
