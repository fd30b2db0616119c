/**
 * Reads the error code and message out of an error body, whatever the platform: the shape is
 * recognised, not configured, so one HttpError serves every adapter (docs/shop-apis.md 1.7, 2.7,
 * 3.6, 4.6, 5.6, 6.4).
 */

export interface ShopErrorInfo {
  code?: string;
  message?: string;
}

const MAX_MESSAGE = 500;

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Magento fills "%1" / "%fieldName" placeholders from `parameters` (array or object). */
function fillMagento(message: string, parameters: unknown): string {
  if (Array.isArray(parameters)) {
    return message.replace(/%(\d+)/g, (all, n: string) => str(parameters[Number(n) - 1]) ?? all);
  }
  if (isRecord(parameters)) {
    return message.replace(/%([A-Za-z_]\w*)/g, (all, k: string) => str(parameters[k]) ?? all);
  }
  return message;
}

function fromJson(data: unknown): ShopErrorInfo {
  // BigCommerce v2 and some PrestaShop answers: an array of errors.
  if (Array.isArray(data)) {
    const first: unknown = data[0];
    if (isRecord(first)) {
      const info = fromJson(first);
      if (data.length > 1 && info.message) info.message += ` (+${data.length - 1})`;
      return info;
    }
    return {};
  }
  if (!isRecord(data)) return {};

  // PrestaShop JSON {errors:[{code,message}]}, Shopify {errors:[{message,extensions:{code}}]} or {errors:"…"}.
  const errors = data.errors;
  if (Array.isArray(errors) && errors.length > 0 && !str(data.message) && !str(data.title)) {
    const list = errors.filter(isRecord);
    const first = list[0];
    if (first) {
      const ext = isRecord(first.extensions) ? first.extensions : {};
      const message = list.map((e) => str(e.message)).filter((m): m is string => m !== undefined).join(' ; ');
      return { code: str(first.code) ?? str(ext.code), message: message || undefined };
    }
    const texts = errors.map(str).filter((m): m is string => m !== undefined);
    if (texts.length > 0) return { message: texts.join(' ; ') };
  }
  if (typeof errors === 'string' && !str(data.message)) return { message: errors };

  // Wix {message, details:{applicationError:{code, description}} | {validationError:{fieldViolations}}}.
  const details = isRecord(data.details) ? data.details : undefined;
  const appError = details && isRecord(details.applicationError) ? details.applicationError : undefined;
  const validation = details && isRecord(details.validationError) ? details.validationError : undefined;

  // BigCommerce v3 {status, title, type, errors:{field: message}}.
  const title = str(data.title);
  let message = str(data.message) ?? str(data.error_description) ?? title ?? (typeof data.error === 'string' ? data.error : undefined);
  if (title && isRecord(errors)) {
    const fields = Object.entries(errors).map(([k, v]) => `${k}: ${str(v) ?? JSON.stringify(v)}`);
    if (fields.length > 0) message = `${title} (${fields.join(' ; ')})`;
  }
  if (message && data.parameters !== undefined) message = fillMagento(message, data.parameters);
  if (validation && Array.isArray(validation.fieldViolations)) {
    const v = validation.fieldViolations.filter(isRecord)
      .map((f) => [str(f.field), str(f.description)].filter(Boolean).join(' '))
      .filter(Boolean);
    if (v.length > 0) message = `${message ?? ''} (${v.join(' ; ')})`.trim();
  }

  // WooCommerce / WordPress {code, message, data:{status}}; OAuth servers {error, error_description}.
  const code = str(data.code) ?? (appError ? str(appError.code) : undefined)
    ?? (isRecord(data.error) ? str(data.error.code) : undefined)
    ?? (typeof data.error === 'string' && str(data.error_description) ? data.error : undefined)
    ?? (title ? str(data.status) : undefined);
  if (isRecord(data.error) && !message) message = str(data.error.message);
  return { code, message };
}

/** PrestaShop XML: <errors><error><code><![CDATA[85]]></code><message><![CDATA[…]]></message></error></errors>. */
function fromXml(text: string): ShopErrorInfo {
  const inner = (tag: string, s: string) => {
    const m = new RegExp(`<${tag}>\\s*(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))\\s*</${tag}>`).exec(s);
    return m ? (m[1] ?? m[2] ?? '').trim() : undefined;
  };
  const first = /<error>([\s\S]*?)<\/error>/.exec(text);
  if (!first?.[1]) return {};
  const count = text.match(/<error>/g)?.length ?? 1;
  const message = inner('message', first[1]);
  return {
    code: inner('code', first[1]) || undefined,
    message: message ? (count > 1 ? `${message} (+${count - 1})` : message) : undefined,
  };
}

/** A short, readable line out of an HTML error page: its <title>, else the text without tags. */
function fromHtml(text: string): string | undefined {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ').replace(/<[^>]+>/g, ' '))
    .replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
  return plain || undefined;
}

/** A message as one line of text: tags removed (WordPress puts HTML in its JSON errors), entities and spaces tidied. */
export function plainText(s: string): string {
  return s.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#0?39;/g, "'")
    .replace(/\s+/g, ' ').trim();
}

function clip(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  return s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE)}…` : s;
}

/** The shop's error code and message from a parsed body (JSON) or its raw text (XML, HTML, plain). */
export function extractShopError(data: unknown, text: string): ShopErrorInfo {
  let info: ShopErrorInfo = {};
  if (data !== undefined && data !== null && typeof data !== 'string') info = fromJson(data);
  else if (/<error>/.test(text)) info = fromXml(text);
  else if (/<html|<!doctype html|<body/i.test(text)) info = { message: fromHtml(text) };
  else if (text.trim()) info = { message: text.trim() };
  return { code: clip(info.code), message: clip(info.message) };
}
