/**
 * A run's journal as the manual shows it ("2026-07-07 10:00:00 - Début…", "--> 3/20"), virtualised
 * so that 20,000 lines stay responsive: only the visible rows are in the page. Errors and warnings
 * are highlighted; the list follows the end while the reader is at the bottom.
 */
import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ApiJournalEntry } from '../../../src/service/api-types.ts';

const ROW = 20;

export function JournalView({ entries, label, height = 360 }: { entries: readonly ApiJournalEntry[]; label: string; height?: number }) {
  const parent = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  const virtual = useVirtualizer({ count: entries.length, getScrollElement: () => parent.current, estimateSize: () => ROW, overscan: 20 });
  useEffect(() => {
    if (atEnd.current && entries.length > 0) virtual.scrollToIndex(entries.length - 1, { align: 'end' });
  }, [entries.length, virtual]);
  return (
    <div
      ref={parent}
      className="journal"
      role="log"
      aria-label={label}
      aria-live="off"
      tabIndex={0}
      style={{ height, overflow: 'auto' }}
      onScroll={(e) => {
        const el = e.currentTarget;
        atEnd.current = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW * 2;
      }}
    >
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {virtual.getVirtualItems().map((row) => {
          const e = entries[row.index]!;
          return (
            <div
              key={row.key}
              className={`journal-line level-${e.level}`}
              data-level={e.level}
              // A long line is cut with "…" in the view: the whole line on hover.
              title={e.line}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${row.start}px)` }}
            >
              {e.line}
            </div>
          );
        })}
      </div>
    </div>
  );
}
