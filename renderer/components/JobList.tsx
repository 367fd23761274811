/**
 * Every visible job in one virtualised grid (10,000 jobs stay smooth: only the rows in view
 * exist). Keyboard: arrows, Home/End, PageUp/PageDown move between rows; Enter opens the job.
 * The rows in view are reported to the UI store, which tells main (`jobs.focus`).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useNow } from '../hooks/useNow';
import { buildJobList, sameListItems, type ListItem } from '../model/jobList';
import { useJobsStore, type JobEntry } from '../stores/jobsStore';
import { useServersStore } from '../stores/serversStore';
import { useUiStore } from '../stores/uiStore';
import { JobRow } from './JobRow';
import { ServerGroupRow } from './ServerGroupRow';

type JobsMap = ReadonlyMap<string, JobEntry>;

const ROW_HEIGHT = 64;
const PAGE_ROWS = 10;

const isJob = (item: ListItem | undefined): item is Extract<ListItem, { kind: 'job' }> =>
  item?.kind === 'job';

/** The job row `step` rows away from `from` (skipping server headings), clamped to the list. */
function moveWithin(items: ListItem[], from: number, step: number): number {
  const direction = step < 0 ? -1 : 1;
  let target = Math.min(items.length - 1, Math.max(0, from + step));
  while (target >= 0 && target < items.length && !isJob(items[target])) target += direction;
  if (target < 0 || target >= items.length) return from;
  return target;
}

/**
 * The list the filters select, rebuilt when jobs, servers or filters change. A patch that leaves
 * the order and headings as they were (a progress tick) keeps the previous array, so the view
 * does not re-render: each row follows its own job.
 */
export function useJobListItems(): ListItem[] {
  const servers = useServersStore((s) => s.servers);
  const filters = useUiStore((s) => s.filters);
  const last = useRef<{ jobs: JobsMap; servers: typeof servers; filters: typeof filters; items: ListItem[] }>(
    null,
  );
  const select = useCallback(
    ({ jobs }: { jobs: JobsMap }): ListItem[] => {
      const previous = last.current;
      if (previous?.jobs === jobs && previous.servers === servers && previous.filters === filters)
        return previous.items;
      const built = buildJobList(jobs, servers, filters);
      const items = previous && sameListItems(previous.items, built) ? previous.items : built;
      last.current = { jobs, servers, filters, items };
      return items;
    },
    [servers, filters],
  );
  return useJobsStore(select);
}

export function JobList({ items }: { items: ListItem[] }) {
  const selectedJob = useUiStore((s) => s.selectedJob);
  const selectJob = useUiStore((s) => s.selectJob);
  const setOnScreen = useUiStore((s) => s.setOnScreen);
  const now = useNow();

  // The active row is tracked by job, not position: patches reorder the list under it.
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const activeIndex = useMemo(() => {
    const index = activeKey ? items.findIndex((item) => isJob(item) && item.key === activeKey) : -1;
    return index >= 0 ? index : items.findIndex(isJob);
  }, [items, activeKey]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const focusPending = useRef(false);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 800, height: 600 },
  });
  const virtualItems = virtualizer.getVirtualItems();

  const onScreenSignature = virtualItems
    .map((v) => items[v.index])
    .filter(isJob)
    .map((item) => item.key)
    .join('\n');
  useEffect(() => {
    setOnScreen(onScreenSignature ? onScreenSignature.split('\n') : []);
  }, [onScreenSignature, setOnScreen]);

  useEffect(() => {
    if (!focusPending.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`#job-row-${activeIndex}`);
    if (row) {
      focusPending.current = false;
      row.focus();
    }
  });

  const open = useCallback(
    (key: string) => {
      setActiveKey(key);
      selectJob(key);
    },
    [selectJob],
  );

  const moveTo = useCallback(
    (index: number) => {
      const item = items[index];
      if (!isJob(item)) return;
      focusPending.current = true;
      setActiveKey(item.key);
      virtualizer.scrollToIndex(index, { align: 'auto' });
    },
    [items, virtualizer],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const steps: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: PAGE_ROWS,
      PageUp: -PAGE_ROWS,
      Home: -items.length,
      End: items.length,
    };
    const step = steps[event.key];
    if (step !== undefined) {
      event.preventDefault();
      moveTo(moveWithin(items, activeIndex, step));
    } else if (event.key === 'Enter' || event.key === ' ') {
      const item = items[activeIndex];
      if (isJob(item)) {
        event.preventDefault();
        selectJob(item.key);
      }
    }
  };

  if (items.length === 0) {
    return <p className="empty">No jobs match these filters.</p>;
  }

  return (
    <div
      className="job-grid"
      role="grid"
      aria-label="Jobs"
      aria-rowcount={items.length + 1}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="job-grid__head">
        <div role="row" aria-rowindex={1} className="job-row job-row--head">
          <div role="columnheader">Job</div>
          <div role="columnheader">Status</div>
          <div role="columnheader">Progress and phase</div>
          <div role="columnheader">Time</div>
        </div>
      </div>
      <div ref={scrollRef} className="job-grid__scroll" role="rowgroup">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((virtual) => {
            const item = items[virtual.index]!;
            return (
              <div
                key={item.kind === 'job' ? item.key : `server:${item.serverId}`}
                className="job-grid__slot"
                style={{ transform: `translateY(${virtual.start}px)`, height: virtual.size }}
              >
                {item.kind === 'job' ? (
                  <JobRow
                    jobKey={item.key}
                    rowIndex={virtual.index}
                    active={virtual.index === activeIndex}
                    selected={item.key === selectedJob}
                    now={now}
                    onActivate={setActiveKey}
                    onOpen={open}
                  />
                ) : (
                  <ServerGroupRow name={item.name} count={item.count} rowIndex={virtual.index} />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
