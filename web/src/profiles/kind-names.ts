/** Platform and GesCom names as their makers write them (not translated). */
export const SHOP_KIND_NAMES: Record<string, string> = {
  woocommerce: 'WooCommerce', prestashop: 'PrestaShop', shopify: 'Shopify', bigcommerce: 'BigCommerce', magento: 'Magento',
  wix: 'Wix', oasis: 'Oasis', lenewblack: 'Le New Black',
};

export function shopKindName(kind: string): string {
  return SHOP_KIND_NAMES[kind] ?? kind;
}
