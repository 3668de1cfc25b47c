// The inventory as the dashboard pages through it. The AI systems of one register version are read
// once and kept with the last filtered, sorted order; a page is then a slice. Reading and checking
// 5,000 systems per message was most of the dashboard's first render.
import type { AiSystem } from '../../shared/model';
import { filterSystems, normalise, type InventoryQuery } from './inventory-query';

export interface InventorySource {
  /**
   * An identifier of the register's content that changes with every write (the event chain's head
   * hash serves). Absent: nothing is kept, every page reads the systems again.
   */
  version?: () => Promise<string>;
  /** Every AI system in the register. */
  systems: () => Promise<AiSystem[]>;
}

export interface InventoryPage {
  /** The page's systems, in the filtered and sorted order. */
  systems: AiSystem[];
  /** Systems in the register. */
  total: number;
  /** Systems matching the filters (the pages' length together). */
  matched: number;
  /** Where this page starts among the matched systems. */
  offset: number;
  /**
   * The register version the page was cut from (see {@link InventorySource.version}); absent when the
   * source names none. Pages of different versions must not be shown together.
   */
  version?: string;
}

export interface InventoryIndex {
  page(query: InventoryQuery): Promise<InventoryPage>;
}

/** Pages of the inventory over `source`; see {@link InventorySource.version} for what is kept. */
export function createInventoryIndex(source: InventorySource): InventoryIndex {
  // One read per version, shared by the requests that arrive while it runs.
  let systems: { version: string; read: Promise<AiSystem[]> } | undefined;
  // The order the last request asked for, so scrolling through pages neither filters nor sorts.
  let ordered: { version: string; key: string; rows: AiSystem[] } | undefined;

  const systemsAt = (version: string | undefined): Promise<AiSystem[]> => {
    if (version === undefined) return source.systems();
    if (systems?.version !== version) {
      const read = source.systems();
      systems = { version, read };
      // A failed read is not kept: the next request tries again.
      read.catch(() => {
        if (systems?.read === read) systems = undefined;
      });
    }
    return systems.read;
  };

  return {
    async page(query) {
      const { filters, sort, ascending, offset, limit } = normalise(query);
      const version = await source.version?.();
      const all = await systemsAt(version);
      const key = JSON.stringify([filters, sort, ascending]);
      let rows: AiSystem[];
      if (version !== undefined && ordered?.version === version && ordered.key === key) rows = ordered.rows;
      else {
        rows = filterSystems(all, filters, sort, ascending);
        if (version !== undefined) ordered = { version, key, rows };
      }
      return {
        systems: rows.slice(offset, offset + limit),
        total: all.length,
        matched: rows.length,
        offset,
        ...(version === undefined ? {} : { version }),
      };
    },
  };
}
