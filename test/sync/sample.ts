/**
 * Test helpers for the catalogue mapping: sample articles and customers as the GesCom
 * would return them (seed -> model, no database), and an in-memory embedded GesCom
 * holding the whole sample company.
 */
import { EmbeddedGesCom } from '../../src/gescom/embedded/embedded-gescom.js';
import { loadCompany } from '../../src/gescom/embedded/load-company.js';
import { sampleCompany } from '../../src/gescom/embedded/sample-company.js';
import type { ArticleSeed, CompanySeed } from '../../src/gescom/embedded/seed.js';
import type { Article, ArticlePrice, Customer, StockLevel } from '../../src/gescom/model.js';
import { demoSettings } from '../../src/cli/demo.js';
import { validateProfile } from '../../src/profile/options.js';
import type { Profile } from '../../src/profile/schema.js';

export const company: CompanySeed = sampleCompany();

export function articleSeeds(): ArticleSeed[] {
  return [...company.articles];
}

export function seedOf(code: string): ArticleSeed {
  const s = articleSeeds().find((a) => a.code === code);
  if (!s) throw new Error(`no sample article ${code}`);
  return s;
}

/** A sample article as the GesCom model holds it (files reduced to their metadata). */
export function articleOf(code: string, overrides: Partial<Article> = {}): Article {
  const { prices: _p, stock: _s, images, documents, createdAt, modifiedAt, ...rest } = seedOf(code);
  return {
    ...rest,
    createdAt: createdAt ?? '2025-01-01T00:00:00.000Z',
    modifiedAt: modifiedAt ?? '2025-01-01T00:00:00.000Z',
    images: images.map((f, i) => ({ position: i + 1, fileName: f.fileName, mimeType: f.mimeType, path: f.path ?? null, size: f.data?.length ?? null })),
    documents: documents.map((f, i) => ({ position: i + 1, fileName: f.fileName, label: f.label ?? '', path: f.path ?? null, size: f.data?.length ?? null })),
    ...overrides,
    customFields: { ...rest.customFields, ...(overrides.customFields ?? {}) },
  };
}

export function pricesOf(code: string): ArticlePrice[] {
  return seedOf(code).prices.map((p) => ({ ...p, articleCode: code }));
}

export function levelsOf(code: string): StockLevel[] {
  return seedOf(code).stock.map((l) => ({ ...l, articleCode: code }));
}

export function customerOf(code: string): Customer {
  const c = [...company.customers].find((x) => x.code === code);
  if (!c) throw new Error(`no sample customer ${code}`);
  const { createdAt, modifiedAt, ...rest } = c;
  return { ...rest, createdAt: createdAt ?? '2025-01-01T00:00:00.000Z', modifiedAt: modifiedAt ?? '2025-01-01T00:00:00.000Z' };
}

/** Deep merge of plain objects (arrays and scalars replace). */
function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur)
      ? merge(cur as Record<string, unknown>, v as Record<string, unknown>)
      : v;
  }
  return out;
}

/**
 * The demo profile (GesCom-side settings of the sample company), prices sent TTC as the
 * WooCommerce fixture shop enters them, plus `extra` settings.
 */
export function demoProfile(extra: Record<string, unknown> = {}): Profile {
  const base = merge(demoSettings(':memory:'), {
    shop: { kind: 'woocommerce', url: 'https://shop.example.test' },
    prices: { base: 'TTC' },
  });
  return validateProfile(merge(base, extra));
}

/** A fresh in-memory embedded GesCom holding the sample company. */
export async function sampleGesCom(): Promise<EmbeddedGesCom> {
  const g = EmbeddedGesCom.open(':memory:', { create: true });
  await loadCompany(g, sampleCompany());
  return g;
}
