// What the inventory shows before any AI system is registered.
export function EmptyInventory() {
  return (
    <div className="empty" data-testid="empty-inventory">
      <h2>No AI systems registered yet</h2>
      <p>
        Systems appear here once a scan finds them or someone registers them. To explore first, load the demo
        organisation: an insurer with a working AIMS and a few gaps an auditor would find.
      </p>
    </div>
  );
}
