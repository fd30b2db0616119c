/**
 * The report of one run as it is made: the shop and GesCom recorders add items to it. In a
 * preview it also hands out synthetic shop ids; in a real run it keeps, per entity, the fields
 * that went through (sent_fields), so that the next preview can say old -> new.
 */
import { errorMessage } from '../../errors.js';
import { msg, type Text } from '../../i18n/catalogue.js';
import { changed, created, type Fields } from './fields.js';
import type { PreviewStore } from './preview-store.js';
import { MAX_REPORT_ITEMS, type FieldChange, type PreviewItem, type PreviewReport } from './report.js';

/** An entity's fields as sent (shop ids as they are) and as the report shows them (ids created by the run named). */
export interface SentFields {
  raw: Fields;
  shown: Fields;
}

const SAVE_EVERY = 500;

export class Recorder {
  /** Items as JSON: one flat string each holds a big run's report in a fraction of the objects' memory. */
  private readonly items: string[] = [];
  private hasShopItem = false;
  private saveWarned = false;
  private omitted = 0;
  private readonly notes: Text[] = [];
  private synthetic = 0;
  /** Shop ids created during the run, per entity (ids of categories and products may coincide) -> how the report names them (a creation's id differs between preview and run). */
  private readonly createdIds = new Map<string, string>();
  /**
   * Fields sent during this run, over those of earlier runs. A real run saves them every
   * SAVE_EVERY entities (the store then answers sentBefore), so a big catalogue's fields are not
   * all held until the end; a preview saves nothing and keeps them all.
   */
  private readonly sentNow = new Map<string, { kind: string; key: string; fields: Fields }>();

  constructor(
    readonly preview: boolean,
    private readonly store: PreviewStore,
    private readonly meta: { runId: number; profile: string; action: string },
  ) {}

  add(item: PreviewItem): void {
    if (item.side === 'shop') this.hasShopItem = true;
    if (this.items.length < MAX_REPORT_ITEMS) this.items.push(JSON.stringify(item));
    else this.omitted++;
  }

  note(text: Text): void {
    if (!this.notes.some((n) => n.key === text.key)) this.notes.push(text);
  }

  /** A shop id for an entity a preview creates: `preview:1`, `preview:2`… */
  syntheticId(): string {
    return `preview:${++this.synthetic}`;
  }

  /** A shop id created by the run, named in the report by what it is (`new:product:AR001`, rendered in the reader's language). */
  createdId(id: string, entity: string, key: string): void {
    this.createdIds.set(`${entity}|${id}`, `new:${entity}:${key}`);
  }

  /** A shop id of an entity (category, product, variation…) as the report names it. */
  ref(entity: string, id: string | null | undefined): string | null {
    if (id === null || id === undefined) return null;
    return this.createdIds.get(`${entity}|${id}`) ?? id;
  }

  /** What was last sent for this entity: in this run, else by an earlier recorded run. */
  sentBefore(kind: string, key: string): Fields | null {
    return this.sentNow.get(`${kind}|${key}`)?.fields ?? this.store.sentFields(this.meta.profile, kind, key);
  }

  /**
   * Changes of a write that went through, and the fields remembered (saved by a real run).
   * `fields.raw` holds shop ids as sent (compared with what was sent before); `fields.shown` names
   * the ids this run created (what the report says).
   */
  sent(kind: string, key: string, fields: SentFields, op: 'create' | 'update', only?: string[]): FieldChange[] {
    const before = op === 'create' ? null : this.sentBefore(kind, key);
    const changes = this.changesOf(before, fields, op, only);
    const merged = { ...(before ?? {}), ...fields.raw };
    this.sentNow.set(`${kind}|${key}`, { kind, key, fields: merged });
    if (!this.preview && this.sentNow.size >= SAVE_EVERY) this.saveSent();
    return changes;
  }

  /** Changes a failed write would have made (nothing remembered). */
  tried(kind: string, key: string, fields: SentFields, op: 'create' | 'update', only?: string[]): FieldChange[] {
    return this.changesOf(op === 'create' ? null : this.sentBefore(kind, key), fields, op, only);
  }

  private changesOf(before: Fields | null, fields: SentFields, op: 'create' | 'update', only?: string[]): FieldChange[] {
    const changes = op === 'create' ? created(fields.raw) : changed(before, fields.raw, only);
    return changes.map((c) => ({ ...c, new: c.new === null ? null : fields.shown[c.field] ?? c.new }));
  }

  /**
   * Saved as the run goes; a failure (the state store locked, the disk full) must not fail a write
   * the shop already took: warned once, the fields stay here and go with the next save.
   */
  private saveSent(final = false): void {
    try {
      this.store.saveSentFields(this.meta.profile, [...this.sentNow.values()]);
      this.sentNow.clear();
    } catch (err) {
      if (final) throw err;
      if (!this.saveWarned) process.emitWarning(`run report: fields sent not saved yet: ${errorMessage(err)}`);
      this.saveWarned = true;
    }
  }

  /** Saves the fields sent (a real run) and the report. */
  finish(): PreviewReport {
    if (!this.preview) this.saveSent(true);
    if (this.preview && this.hasShopItem) this.note(msg('preview.note.shopAnswers'));
    const items = this.items.splice(0).map((i) => JSON.parse(i) as PreviewItem);
    const report: PreviewReport = { ...this.meta, preview: this.preview, items, omitted: this.omitted, notes: this.notes };
    this.store.saveReport(report);
    return report;
  }
}
