/** A server's heading when the list is grouped by server. */
export function ServerGroupRow({ name, count, rowIndex }: { name: string; count: number; rowIndex: number }) {
  return (
    <div role="row" aria-rowindex={rowIndex + 2} className="job-group">
      <div role="rowheader" aria-colspan={4}>
        {name} <span className="job-group__count">({count === 1 ? '1 job' : `${count} jobs`})</span>
      </div>
    </div>
  );
}
