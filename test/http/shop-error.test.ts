import { describe, expect, it } from 'vitest';
import { extractShopError } from '../../src/http/shop-error.js';
import { redactText, redactUrl } from '../../src/http/redact.js';

describe('extractShopError', () => {
  it('reads WooCommerce, PrestaShop JSON and XML, Shopify, BigCommerce, Magento and Wix bodies', () => {
    expect(extractShopError({ code: 'rest_invalid_param', message: 'Invalid parameter(s): per_page', data: { status: 400 } }, ''))
      .toEqual({ code: 'rest_invalid_param', message: 'Invalid parameter(s): per_page' });
    expect(extractShopError({ errors: [{ code: 85, message: 'Validation error' }] }, '')).toEqual({ code: '85', message: 'Validation error' });
    const xml = '<?xml version="1.0"?><prestashop><errors><error><code><![CDATA[18]]></code><message><![CDATA[Invalid authentication key format]]></message></error></errors></prestashop>';
    expect(extractShopError(xml, xml)).toEqual({ code: '18', message: 'Invalid authentication key format' });
    expect(extractShopError({ errors: '[API] Invalid API key or access token' }, '')).toEqual({ code: undefined, message: '[API] Invalid API key or access token' });
    expect(extractShopError({ errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }] }, '')).toEqual({ code: 'THROTTLED', message: 'Throttled' });
    expect(extractShopError({ status: 422, title: 'JSON data is missing or invalid', type: 'x', errors: { price: 'must be a number' } }, ''))
      .toEqual({ code: '422', message: 'JSON data is missing or invalid (price: must be a number)' });
    expect(extractShopError([{ status: 400, message: 'The field status_id is invalid.' }], '')).toEqual({ code: undefined, message: 'The field status_id is invalid.' });
    expect(extractShopError({ message: 'The "%1" product doesn\'t exist.', parameters: ['AR1'] }, ''))
      .toEqual({ code: undefined, message: 'The "AR1" product doesn\'t exist.' });
    expect(extractShopError({ message: 'No such entity with %fieldName = %fieldValue', parameters: { fieldName: 'sku', fieldValue: 'AR1' } }, '').message)
      .toBe('No such entity with sku = AR1');
    expect(extractShopError({ message: 'Not found', details: { applicationError: { code: 'PRODUCT_NOT_FOUND', description: 'x' } } }, ''))
      .toEqual({ code: 'PRODUCT_NOT_FOUND', message: 'Not found' });
    expect(extractShopError(null, '<html><head><title>503 Service Unavailable</title></head></html>').message).toBe('503 Service Unavailable');
  });
});

describe('redaction', () => {
  it('masks credential parameters, user info and known secret values', () => {
    expect(redactUrl('https://KEY123@shop.test/api/products?ws_key=KEY123&display=full'))
      .toBe('https://shop.test/api/products?ws_key=***&display=full');
    expect(redactUrl('https://shop.test/x?a=1')).toBe('https://shop.test/x?a=1');
    expect(redactText('GET /x?oauth_signature=abc%3D&page=2 failed with Authorization: Basic Zm9vOmJhcg== for cs_secret_value',
      ['cs_secret_value'])).toBe('GET /x?oauth_signature=***&page=2 failed with Authorization: *** for ***');
  });
});
