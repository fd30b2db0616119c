/** URLs as errors show them: never a query string, whatever its parameters are called. */
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../src/http/http-error.js';
import { urlForMessage } from '../../src/http/redact.js';

describe('urlForMessage', () => {
  it.each([
    ['https://shop.example/wp-json/wc/v3/products', 'https://shop.example/wp-json/wc/v3/products'],
    [
      'http://shop.example/wp-json/wc/v3/products?oauth_consumer_key=ck_1&oauth_nonce=n&oauth_signature=abc%3D&oauth_signature_method=HMAC-SHA256&page=2',
      'http://shop.example/wp-json/wc/v3/products?…',
    ],
    ['https://shop.example/wp-json/wc/v3/orders?consumer_key=ck_1&consumer_secret=cs_2', 'https://shop.example/wp-json/wc/v3/orders?…'],
    ['https://shop.example/api/x?ws_key=K&output_format=JSON#frag', 'https://shop.example/api/x?…'],
    ['https://user:pass@shop.example/a', 'https://shop.example/a'],
    ['https://shop.example/a#only-a-fragment', 'https://shop.example/a'],
    ['/wp-json/wc/v3/products?consumer_key=ck_1', '/wp-json/wc/v3/products?…'],
    ['not a url ?x_custom_sig=zz', 'not a url ?…'],
  ])('%s -> %s', (input, shown) => {
    expect(urlForMessage(input)).toBe(shown);
  });

  it('is what an HttpError shows, whatever URL it is given', () => {
    const err = new HttpError({
      method: 'GET', status: 401, attempts: 1, code: 'woocommerce_rest_authentication_error', shopMessage: 'Signature invalide',
      url: 'http://shop.example/wp-json/wc/v3/products?oauth_consumer_key=ck_1234567890&oauth_signature=c2lnbmF0dXJl&oauth_timestamp=1',
    });
    expect(err.url).toBe('http://shop.example/wp-json/wc/v3/products?…');
    expect(err.message).toBe('HTTP 401 woocommerce_rest_authentication_error : Signature invalide (GET http://shop.example/wp-json/wc/v3/products?…)');
    expect(err.message).not.toMatch(/oauth|ck_1234567890|c2lnbmF0dXJl/);
  });
});
