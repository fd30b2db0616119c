/**
 * Journal retention: a profile's journal files (journals/NAME.log, rotated NAME.1.log …) lose the
 * lines older than the cutoff. A rotated file whose last write is older than the cutoff goes whole;
 * a file that starts before the cutoff is rewritten without its older lines (through a temporary
 * file renamed over it). Lines are compared by their stamp, written in the profile's time zone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatTimestamp } from './journal.js';

export interface JournalPurge {
  /** Files deleted whole. */
  filesDeleted: string[];
  /** Lines dropped from files kept. */
  linesDropped: number;
}

const STAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/;

/** The profile's journal files: the current one and its rotations. */
export function journalFiles(journalsDir: string, profile: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(journalsDir);
  } catch {
    return [];
  }
  const escaped = profile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const mine = new RegExp(`^${escaped}(\\.\\d+)?\\.log$`);
  return names.filter((n) => mine.test(n)).map((n) => path.join(journalsDir, n));
}

/** The first line's stamp, read from the file's first bytes only. */
function firstStamp(file: string): string | null {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return STAMP.exec(buf.subarray(0, n).toString('utf8'))?.[0] ?? null;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Drops what is older than `cutoff` from one profile's journal files. `skipCurrent`: leave the file
 * being written alone (a run of the profile is in progress and appends to it).
 */
export function purgeJournal(journalsDir: string, profile: string, cutoff: Date, timezone: string, skipCurrent = false): JournalPurge {
  const out: JournalPurge = { filesDeleted: [], linesDropped: 0 };
  const limit = formatTimestamp(cutoff, timezone);
  for (const file of journalFiles(journalsDir, profile)) {
    const current = !/\.\d+\.log$/.test(file);
    const stat = fs.statSync(file);
    if (!current && stat.mtime < cutoff) {
      fs.unlinkSync(file);
      out.filesDeleted.push(file);
      continue;
    }
    if (current && skipCurrent) continue;
    const first = firstStamp(file);
    if (first === null || first >= limit) continue;
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const kept: string[] = [];
    let dropped = 0;
    // A line without a stamp (none is written so, but a hand-edited file may hold one) follows the line before it.
    let keep = false;
    for (const line of lines) {
      const stamp = STAMP.exec(line)?.[0];
      if (stamp !== undefined) keep = stamp >= limit;
      if (keep) kept.push(line);
      else if (line !== '') dropped++;
    }
    const text = kept.join('\n');
    // The file grew while it was read (a run of another process appended): leave it to the next purge.
    if (fs.statSync(file).size !== stat.size) continue;
    out.linesDropped += dropped;
    if (text.trim() === '' && !current) {
      fs.unlinkSync(file);
      out.filesDeleted.push(file);
      continue;
    }
    const tmp = `${file}.${process.pid}.purge`;
    fs.writeFileSync(tmp, text === '' || text.endsWith('\n') ? text : text + '\n');
    fs.renameSync(tmp, file);
  }
  return out;
}
