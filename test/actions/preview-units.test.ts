/**
 * The preview's pieces on their own: a GesCom adapter that cannot copy its company refuses the
 * preview naming the option, entities as fields (long texts short with a hash, old -> new per
 * field), and reports compared without the ids of creations nor the order of concurrent pages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { changed, flatten } from '../../src/actions/preview/fields.js';
import { comparableReport, MAX_REPORT_ITEMS, type PreviewItem, type PreviewReport } from '../../src/actions/preview/report.js';
import { PreviewStore } from '../../src/actions/preview/preview-store.js';
import { Recorder } from '../../src/actions/preview/recorder.js';
import { RunRecording } from '../../src/actions/preview/run-recording.js';
import { AppContext } from '../../src/app/app-context.js';
import { ConfigError } from '../../src/errors.js';
import type { GesComPort } from '../../src/gescom/port.js';
import { render } from '../../src/i18n/catalogue.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('a GesCom that cannot be previewed', () => {
  test('the preview is refused, naming gescom.kind; a real run uses it as it is', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-preview-'));
    dirs.push(dir);
    const app = new AppContext(dir);
    try {
      const sage = { kind: 'sage50' } as unknown as GesComPort;
      const runId = app.state.startRun('p', 'orders.import', {}, true);
      const preview = new RunRecording(app, { runId, profile: 'p', action: 'orders.import' }, true);
      let err: unknown;
      try {
        preview.gescom(sage);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      expect(err).toMatchObject({ field: 'gescom.kind', entity: 'profile p' });
      expect(render((err as ConfigError).text!, 'en')).toBe('GesCom "sage50" cannot be previewed (no working copy): run it without --dry-run');
      preview.finish();
      app.state.finishRun(runId, 'failed');
      const realId = app.state.startRun('p', 'orders.import');
      const real = new RunRecording(app, { runId: realId, profile: 'p', action: 'orders.import' }, false);
      expect(real.gescom(sage).kind).toBe('sage50');
      real.finish();
      app.state.finishRun(realId, 'succeeded');
    } finally {
      app.close();
    }
  });
});

describe('fields', () => {
  test('nested values flatten to dotted fields; long texts keep their start and a hash; functions are left out', () => {
    const long = 'x'.repeat(300);
    const f = flatten({ name: 'Chocolat', price: { regular: '4.95', groups: [] }, tags: ['a', 'b'], images: [{ key: 'k', load: () => null }], description: long });
    expect(f).toMatchObject({ name: 'Chocolat', 'price.regular': '4.95', 'price.groups': '', tags: 'a, b', 'images[0].key': 'k' });
    expect(Object.keys(f)).not.toContain('images[0].load');
    expect(f.description).toMatch(/^x{120}… \(300, #[0-9a-f]{10}\)$/);
    expect(flatten({ description: `${long}y` }).description).not.toBe(f.description);
  });

  test('old -> new per field, only within the fields a write carries; unknown old values are said so', () => {
    const before = { name: 'A', 'stock.quantity': '5', 'price.regular': '1.00' };
    expect(changed(before, { name: 'B', 'stock.quantity': '3', 'price.regular': '1.00' }, ['stock'])).toEqual([{ field: 'stock.quantity', old: '5', new: '3' }]);
    expect(changed(before, { name: 'B', 'stock.quantity': '5' })).toEqual([{ field: 'name', old: 'A', new: 'B' }, { field: 'price.regular', old: '1.00', new: null }]);
    expect(changed(null, { name: 'B' })).toEqual([{ field: 'name', new: 'B' }]);
  });
});

describe('comparableReport', () => {
  const item = (key: string, shopId: string, op: PreviewItem['op'] = 'create'): PreviewItem =>
    ({ side: 'shop', entity: 'product', op, key, shopId, changes: [{ field: 'sku', new: key }], ok: true });
  const report = (preview: boolean, items: PreviewItem[]): PreviewReport => ({ runId: 1, profile: 'p', action: 'products.export', preview, items, omitted: 0, notes: [] });

  test('the ids of creations and the order of entities do not count; an update\'s id and the changes do', () => {
    const p = report(true, [item('B', 'preview:2'), item('A', 'preview:1'), item('C', '17', 'update')]);
    expect(comparableReport(report(false, [item('A', '41'), item('B', '42'), item('C', '17', 'update')]))).toEqual(comparableReport(p));
    expect(comparableReport(report(false, [item('A', '41'), item('B', '42'), item('C', '18', 'update')]))).not.toEqual(comparableReport(p));
    const changedSku = { ...item('A', '41'), changes: [{ field: 'sku', new: 'Z' }] };
    expect(comparableReport(report(false, [changedSku, item('B', '42'), item('C', '17', 'update')]))).not.toEqual(comparableReport(p));
  });
});

describe('the recorder of a big run', () => {
  const recorderOf = (preview: boolean) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-recorder-'));
    dirs.push(dir);
    const app = new AppContext(dir);
    const runId = app.state.startRun('p', 'products.export', {}, true);
    const store = new PreviewStore(app.state.db);
    return { app, store, recorder: new Recorder(preview, store, { runId, profile: 'p', action: 'products.export' }) };
  };
  const fields = (n: number) => ({ raw: { name: `Article ${n}`, price: '1.00' }, shown: { name: `Article ${n}`, price: '1.00' } });

  test('a real run saves the fields sent every 500 entities, not all at the end; a later write of one is compared with them', () => {
    const { app, store, recorder } = recorderOf(false);
    try {
      for (let n = 0; n < 1_200; n++) recorder.sent('product', `AR${n}`, fields(n), 'create');
      // Saved as the run goes: the first 1,000 are in the store before the run finishes.
      expect(store.sentFields('p', 'product', 'AR0')).toEqual({ name: 'Article 0', price: '1.00' });
      expect(store.sentFields('p', 'product', 'AR999')).toEqual({ name: 'Article 999', price: '1.00' });
      expect(store.sentFields('p', 'product', 'AR1000')).toBeNull();
      // A second write of a saved entity in the same run: old -> new from the store.
      const again = recorder.sent('product', 'AR0', { raw: { name: 'Article 0', price: '2.00' }, shown: { name: 'Article 0', price: '2.00' } }, 'update');
      expect(again).toEqual([{ field: 'price', old: '1.00', new: '2.00' }]);
      recorder.finish();
      expect(store.sentFields('p', 'product', 'AR1199')).toEqual({ name: 'Article 1199', price: '1.00' });
      expect(store.sentFields('p', 'product', 'AR0')).toEqual({ name: 'Article 0', price: '2.00' });
    } finally {
      app.close();
    }
  });

  test('a save that fails during the run fails no write: the fields go with the next save', () => {
    const { app, store, recorder } = recorderOf(false);
    try {
      const save = store.saveSentFields.bind(store);
      let refusals = 1;
      store.saveSentFields = (profile, items) => {
        if (refusals-- > 0) throw new Error('database is locked');
        save(profile, items);
      };
      const warnings: string[] = [];
      const onWarning = (w: Error) => warnings.push(w.message);
      process.on('warning', onWarning);
      for (let n = 0; n < 500; n++) recorder.sent('product', `AR${n}`, fields(n), 'create');
      expect(store.sentFields('p', 'product', 'AR0')).toBeNull();
      // The next entity sent tries again, with the fields kept.
      recorder.sent('product', 'AR500', fields(500), 'create');
      expect(store.sentFields('p', 'product', 'AR0')).toEqual({ name: 'Article 0', price: '1.00' });
      for (let n = 501; n < 600; n++) recorder.sent('product', `AR${n}`, fields(n), 'create');
      recorder.finish();
      expect(store.sentFields('p', 'product', 'AR0')).toEqual({ name: 'Article 0', price: '1.00' });
      expect(store.sentFields('p', 'product', 'AR599')).toEqual({ name: 'Article 599', price: '1.00' });
      return new Promise<void>((resolve) => setImmediate(() => {
        process.off('warning', onWarning);
        expect(warnings.filter((w) => w.includes('database is locked'))).toHaveLength(1);
        resolve();
      }));
    } finally {
      app.close();
    }
  });

  test('a preview saves no fields, yet compares a second write with the first', () => {
    const { app, store, recorder } = recorderOf(true);
    try {
      for (let n = 0; n < 1_200; n++) recorder.sent('product', `AR${n}`, fields(n), 'create');
      expect(recorder.sent('product', 'AR0', { raw: { name: 'Article 0', price: '2.00' }, shown: { name: 'Article 0', price: '2.00' } }, 'update'))
        .toEqual([{ field: 'price', old: '1.00', new: '2.00' }]);
      recorder.finish();
      expect(store.sentFields('p', 'product', 'AR0')).toBeNull();
    } finally {
      app.close();
    }
  });

  test('report items come back as they were added, up to the cap, the rest counted', () => {
    const { app, recorder } = recorderOf(false);
    try {
      const item: PreviewItem = { side: 'shop', entity: 'product', op: 'create', key: 'AR1', shopId: '12', changes: [{ field: 'name', new: 'Écharpe « laine »' }], ok: false, error: { key: 'http.status', params: { status: 500 } } as never };
      for (let n = 0; n < MAX_REPORT_ITEMS + 3; n++) recorder.add(item);
      const report = recorder.finish();
      expect(report.items).toHaveLength(MAX_REPORT_ITEMS);
      expect(report.items[0]).toEqual(item);
      expect(report.omitted).toBe(3);
    } finally {
      app.close();
    }
  });
});
