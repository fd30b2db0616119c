/**
 * The shop identity of a profile (two shops on one GesCom company): fixed when the profile gets a
 * shop, kept by rename and duplicate, recomputed for a copy pointed at another shop, kept with a
 * notice when the only profile on a shop changes its address, recomputed when emptied by hand.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ensureDataDir, resolveDataDir } from '../../src/config/data-dir.js';
import { loadOrCreateKey } from '../../src/config/secrets.js';
import { tr, type Text } from '../../src/i18n/catalogue.js';
import { ProfileStore } from '../../src/profile/profile-store.js';
import type { Profile } from '../../src/profile/schema.js';

let tmp: string;
let store: ProfileStore;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-identity-'));
  const dir = resolveDataDir(tmp);
  ensureDataDir(dir);
  store = new ProfileStore(dir, loadOrCreateKey(dir.keyFile));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const gescom = { kind: 'embedded', db: '/tmp/company.db' };
const withShop = (p: Profile, shop: Partial<Profile['shop']>): Profile => ({ ...p, shop: { ...p.shop, ...shop } });

function save(p: Profile): { profile: Profile; notices: string[] } {
  const notices: string[] = [];
  const profile = store.save(p, (t: Text) => notices.push(tr(t.key, t.params, 'en')));
  return { profile, notices };
}

describe('shop identity of a profile', () => {
  test('fixed at creation; a profile created without a shop gets it with its first shop', () => {
    expect(store.create({ name: 'wc', gescom, shop: { kind: 'woocommerce', url: 'https://www.Shop-A.example/' } }).shop.identity).toBe('woocommerce:shop-a.example');
    const bare = store.create({ name: 'later', gescom });
    expect(bare.shop.identity).toBe('');
    const ps = withShop(bare, { kind: 'prestashop', url: 'https://b.example/' });
    expect(save({ ...ps, shop: { ...ps.shop, prestashop: { ...ps.shop.prestashop, shopId: '2' } } }).profile.shop.identity).toBe('prestashop:b.example?id_shop=2');
    expect(store.load('later').shop.identity).toBe('prestashop:b.example?id_shop=2');
  });

  test('kept by rename and duplicate; the copy pointed at another shop gets its own, the original keeps its own', () => {
    store.create({ name: 'wc', gescom, shop: { kind: 'woocommerce', url: 'https://a.example' } });
    store.rename('wc', 'shop-a');
    expect(store.load('shop-a').shop.identity).toBe('woocommerce:a.example');
    store.duplicate('shop-a', 'shop-b');
    expect(store.load('shop-b').shop.identity).toBe('woocommerce:a.example');
    const moved = save(withShop(store.load('shop-b'), { kind: 'prestashop', url: 'https://b.example' }));
    expect(moved.profile.shop.identity).toBe('prestashop:b.example');
    expect(moved.notices).toEqual(['profile "shop-b": it points at another shop, its shop identity becomes prestashop:b.example (was woocommerce:a.example, kept by another profile)']);
    expect(store.load('shop-a').shop.identity).toBe('woocommerce:a.example');
  });

  test('the only profile on a shop whose address changes keeps its identity, said; emptied by hand, it is computed again; set by hand, kept', () => {
    store.create({ name: 'wc', gescom, shop: { kind: 'woocommerce', url: 'https://old.example' } });
    const kept = save(withShop(store.load('wc'), { url: 'https://new.example' }));
    expect(kept.profile.shop.identity).toBe('woocommerce:old.example');
    expect(kept.notices).toHaveLength(1);
    expect(kept.notices[0]).toContain('keeps the identity woocommerce:old.example');
    expect(save(withShop(store.load('wc'), { identity: '' })).profile.shop.identity).toBe('woocommerce:new.example');
    expect(save(withShop(store.load('wc'), { identity: 'woocommerce:by-hand' })).profile.shop.identity).toBe('woocommerce:by-hand');
    // Saving again (transfer dates after a run) changes nothing.
    expect(save(store.load('wc'))).toMatchObject({ profile: { shop: { identity: 'woocommerce:by-hand' } }, notices: [] });
  });
});
