/**
 * Every visible job in one virtualised grid (10,000 jobs stay smooth: only the rows in view
 * exist). Keyboard: arrows, Home/End, PageUp/PageDown move between rows; Enter opens the job.
 * The rows in view are reported to the UI store, which tells main (`jobs.focus`).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useNarrow } from '../hooks/useNarrow';
import { useNow } from '../hooks/useNow';
import { buildJobList, sameListItems, type ListItem } from '../model/jobList';
import { useJobsStore, type JobEntry } from '../stores/jobsStore';
import { useServersStore } from '../stores/serversStore';
import { useUiStore } from '../stores/uiStore';
import { JobRow } from './JobRow';
import { ServerGroupRow } from './ServerGroupRow';

type JobsMap = ReadonlyMap<string, JobEntry>;

/**
 * Slot heights, in step with jobs.css: a job row of three lines, or two bands of them when the
 * window is narrow; a server heading is one line. A heading given a job row's height left a
 * blank band above every server's jobs when grouping by server.
 */
const ROW_HEIGHT = 64;
const NARROW_ROW_HEIGHT = 120;
const GROUP_HEIGHT = 32;
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

export interface JobListProps {
  items: ListItem[];
  /**
   * The job whose detail page the person just left (narrow window): the list comes back
   * scrolled to it, with focus on its row, as a side panel's list would have stayed.
   */
  returnTo?: string | null;
}

export function JobList({ items, returnTo = null }: JobListProps) {
  const selectedJob = useUiStore((s) => s.selectedJob);
  const selectJob = useUiStore((s) => s.selectJob);
  const setOnScreen = useUiStore((s) => s.setOnScreen);
  const now = useNow();
  const narrow = useNarrow();

  // The active row is tracked by job, not position: patches reorder the list under it.
  const [activeKey, setActiveKey] = useState<string | null>(returnTo);
  const activeIndex = useMemo(() => {
    const index = activeKey ? items.findIndex((item) => isJob(item) && item.key === activeKey) : -1;
    return index >= 0 ? index : items.findIndex(isJob);
  }, [items, activeKey]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const focusPending = useRef(false);
  const jobHeight = narrow ? NARROW_ROW_HEIGHT : ROW_HEIGHT;
  // A new key function (new items, a new width) is what tells the virtualizer to re-lay out:
  // it recomputes the slots only when its measuring options change, not when sizes would.
  const getItemKey = useCallback(
    (index: number) => {
      const item = items[index];
      return item?.kind === 'server' ? `server:${item.serverId}` : (item?.key ?? index);
    },
    [items, jobHeight],
  );
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    getItemKey,
    estimateSize: (index) => (items[index]?.kind === 'server' ? GROUP_HEIGHT : jobHeight),
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

  // Once, on coming back from a job's page: that job's row in view and focused.
  useEffect(() => {
    const index = returnTo ? items.findIndex((item) => isJob(item) && item.key === returnTo) : -1;
    if (index < 0) return;
    focusPending.current = true;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    // On mount only: later patches must not pull the list back to it.
  }, []);

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
