/**
 * The orders view (#/orders): the shop's orders of a period with their state in the GesCom, and
 * what to do about them: preview the document an order would make, reset, import again (the run's
 * journal followed live, then the table read again). The period and filter live in the address
 * (#/orders?period=this-month, ?from=…&to=…&status=…), so that a link opens the same view.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiOrdersList, ApiOrdersPeriod, ApiOrdersPreview, ApiOrdersReimport, ApiOrdersReset } from '../../../src/service/api-types-orders.ts';
import { api, profilePath } from '../api.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { isoDayIn, PERIOD_LABEL, PERIOD_PRESETS, periodChoices, type PeriodChoice } from '../components/period.ts';
import { useT } from '../i18n/index.ts';
import { useProfiles } from '../profile-context.tsx';
import { routeQuery } from '../router.ts';
import { OrdersTable } from './orders-table.tsx';
import { PreviewDialog, type PreviewState } from './preview-dialog.tsx';
import { ResetAllDialog } from './reset-all-dialog.tsx';
import { RunPanel } from './run-panel.tsx';
import './orders.css';

/** Reset notices shown at most (an ALL reset may name every order). */
const MAX_NOTICES = 20;
type Preset = Exclude<PeriodChoice, 'sinceLast'>;

interface Query {
  preset: Preset;
  from: string;
  to: string;
  status: string;
}

function initialQuery(): Query {
  const q = routeQuery();
  const from = q.get('from') ?? '';
  const to = q.get('to') ?? '';
  const period = q.get('period') as ApiOrdersPeriod | null;
  const preset: Preset = from || to ? 'custom' : period && PERIOD_PRESETS.includes(period) ? period : 'this-month';
  return { preset, from, to, status: q.get('status') ?? '' };
}

function searchOf(q: Query): string {
  const s = new URLSearchParams();
  if (q.preset === 'custom') {
    if (q.from) s.set('from', q.from);
    if (q.to) s.set('to', q.to);
  } else s.set('period', q.preset);
  if (q.status) s.set('status', q.status);
  return s.toString();
}

export function OrdersView() {
  const { t } = useT();
  const { current } = useProfiles();
  const [query, setQuery] = useState<Query>(initialQuery);
  // The date fields as typed, applied with "Show".
  const [draft, setDraft] = useState<{ from: string; to: string }>({ from: query.from, to: query.to });
  const [list, setList] = useState<ApiOrdersList | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string[]>([]);
  const [run, setRun] = useState<{ id: number; ids: string[] } | null>(null);
  const [running, setRunning] = useState(false);
  const [preview, setPreview] = useState<PreviewState | null>(null);
  const seq = useRef(0);
  const previewButton = useRef<HTMLButtonElement>(null);

  const load = useCallback(async () => {
    if (!current) return;
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    const search = searchOf(query);
    // The address says what is shown (no navigation: the screen stays mounted).
    window.history.replaceState(null, '', `#/orders?${search}`);
    try {
      const l = await api.get<ApiOrdersList>(profilePath(current, `/orders?${search}`));
      if (mine !== seq.current) return;
      setList(l);
      setDraft({ from: isoDayIn(l.from, l.timezone), to: isoDayIn(l.to, l.timezone) });
      setSelected((s) => new Set(l.orders.filter((o) => s.has(o.id)).map((o) => o.id)));
    } catch (err) {
      if (mine !== seq.current) return;
      setError(err);
      setList(null);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [current, query]);

  useEffect(() => {
    void load();
  }, [load]);
  // The run panel's end comes after renders: it reads the table again with the current query.
  const latestLoad = useRef(load);
  latestLoad.current = load;

  if (!current) return <p role="status">{t('orders.noProfile')}</p>;

  const ids = list ? list.orders.filter((o) => selected.has(o.id)).map((o) => o.id) : [];
  const numbers = (which: string[]) => which.map((id) => list?.orders.find((o) => o.id === id)?.number ?? id);
  // One run of a profile at a time: the actions wait for the re-import to end.
  const busy = loading || running;

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const doPreview = async () => {
    setPreview({ loading: true, result: null, error: null });
    try {
      const result = await api.post<ApiOrdersPreview>(profilePath(current, '/orders/preview'), { ids });
      setPreview({ loading: false, result, error: null });
    } catch (err) {
      setPreview({ loading: false, result: null, error: err });
    }
  };

  const doReset = async (all = false) => {
    setError(null);
    try {
      const r = await api.post<ApiOrdersReset>(profilePath(current, '/orders/reset'), all ? { all: true } : { ids });
      // ALL may name thousands of orders: the first ones, and how many more.
      const still = r.stillInGesCom.map((s) => s.message);
      setNotice([
        t('orders.resetDone', { n: r.count }),
        ...still.slice(0, MAX_NOTICES),
        ...(still.length > MAX_NOTICES ? [t('orders.moreNotices', { n: still.length - MAX_NOTICES })] : []),
        ...(r.notRecorded.length ? [t('orders.resetNotRecorded', { ids: numbers(r.notRecorded).join(', ') })] : []),
        ...(r.gescomChecked ? [] : [t('orders.resetUnchecked')]),
      ]);
      await load();
    } catch (err) {
      setError(err);
    }
  };

  const doReimport = async () => {
    setError(null);
    setNotice([]);
    try {
      const r = await api.post<ApiOrdersReimport>(profilePath(current, '/orders/reimport'), { ids });
      setRunning(true);
      setRun({ id: r.runId, ids: numbers(ids) });
    } catch (err) {
      setError(err);
    }
  };

  const currency = list?.orders.find((o) => selected.has(o.id))?.currency ?? list?.orders[0]?.currency ?? 'EUR';
  const statuses = list?.statuses ?? (query.status ? [query.status] : []);

  return (
    <section className="orders-view" aria-labelledby="orders-title">
      <h1 id="orders-title">{t('orders.title')}</h1>
      <p>
        <a href="#/">{t('orders.back')}</a>
      </p>
      <p className="muted">{t('orders.intro')}</p>

      <form
        className="orders-filters"
        aria-label={t('orders.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          setQuery((q) => ({ ...q, preset: 'custom', from: draft.from, to: draft.to }));
        }}
      >
        <label>
          {t('orders.period')}
          <select
            value={query.preset}
            onChange={(e) => {
              const preset = e.target.value as Preset;
              setQuery((q) => (preset === 'custom' ? { ...q, preset, from: draft.from, to: draft.to } : { ...q, preset }));
            }}
          >
            {periodChoices(false).map((p) => (
              <option key={p} value={p}>{t(PERIOD_LABEL[p])}</option>
            ))}
          </select>
        </label>
        <label>
          {t('orders.from')}
          <input type="date" value={draft.from} max={draft.to || undefined} onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))} />
        </label>
        <label>
          {t('orders.to')}
          <input type="date" value={draft.to} min={draft.from || undefined} onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))} />
        </label>
        <label>
          {t('orders.status')}
          <select value={query.status} onChange={(e) => setQuery((q) => ({ ...q, status: e.target.value }))}>
            <option value="">{t('orders.allStatuses')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>{list?.importedStatuses.includes(s) ? t('orders.importedStatus', { status: s }) : s}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">{t('orders.show')}</button>
        <button type="button" onClick={() => void load()} disabled={loading}>{t('orders.refresh')}</button>
      </form>

      <ErrorBanner error={error} onRetry={() => void load()} />
      {list?.warnings.map((w) => (
        <p key={w} className="here-warning">{w}</p>
      ))}

      <div className="orders-actions" role="group" aria-label={t('orders.actions')}>
        <span className="muted" aria-live="polite">{t('orders.selected', { n: ids.length })}</span>
        <button ref={previewButton} type="button" disabled={!ids.length || busy} onClick={() => void doPreview()}>{t('orders.preview')}</button>
        <button type="button" disabled={!ids.length || busy} onClick={() => void doReset()}>{t('orders.reset')}</button>
        <button type="button" className="primary" disabled={!ids.length || busy} onClick={() => void doReimport()}>{t('orders.reimport')}</button>
      </div>
      <div className="orders-actions">
        <ResetAllDialog disabled={busy} onConfirm={() => void doReset(true)} />
      </div>

      <div role="status" className="orders-notice">
        {notice.map((n) => (
          <p key={n}>{n}</p>
        ))}
      </div>

      {run && <RunPanel
          runId={run.id}
          ids={run.ids}
          onEnd={() => {
            setRunning(false);
            void latestLoad.current();
          }}
        />}

      {loading && !list && <p role="status">{t('orders.loading')}</p>}
      {list && (
        <div aria-busy={loading}>
          <OrdersTable
            list={list}
            selected={selected}
            onToggle={toggle}
            onToggleAll={(all) => setSelected(all ? new Set(list.orders.map((o) => o.id)) : new Set())}
          />
        </div>
      )}

      <PreviewDialog state={preview} currency={currency} onClose={() => setPreview(null)} returnFocus={previewButton} />
    </section>
  );
}
