/**
 * Small XML helpers over fast-xml-parser (preserveOrder keeps field order, which PrestaShop's
 * layout depends on) and the writer for PrestaShop's exact element layout.
 */
import { XMLParser } from 'fast-xml-parser';

/** An element: name, attributes, children (elements) and text (CDATA or text, concatenated). */
export interface XNode { name: string; attrs: Record<string, string>; children: XNode[]; text: string }

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '__cdata',
  processEntities: true,
  htmlEntities: false,
});

type Raw = Record<string, unknown>;

function convert(raw: Raw): XNode | null {
  const name = Object.keys(raw).find((k) => k !== ':@');
  if (!name || name === '#text' || name === '__cdata' || name.startsWith('?')) return null;
  const attrs = (raw[':@'] as Record<string, string> | undefined) ?? {};
  const node: XNode = { name, attrs: { ...attrs }, children: [], text: '' };
  for (const c of (raw[name] as Raw[]) ?? []) {
    if ('#text' in c) node.text += String(c['#text']);
    else if ('__cdata' in c) {
      for (const t of (c['__cdata'] as Raw[]) ?? []) node.text += String(t['#text'] ?? '');
    } else {
      const child = convert(c);
      if (child) node.children.push(child);
    }
  }
  // Whitespace between child elements is layout, not content.
  if (node.children.length > 0 && node.text.trim() === '') node.text = '';
  return node;
}

/** Parses a document; throws on malformed XML (the caller maps it to PrestaShop's 500). */
export function parseXml(text: string): XNode {
  const raws = parser.parse(text, true) as Raw[];
  for (const r of raws) {
    const n = convert(r);
    if (n) return n;
  }
  throw new Error('no root element');
}

/** The well-formedness problems libxml would report (tag mismatch, premature end); [] when fine. */
export function xmlProblems(text: string): { message: string; column: number }[] {
  const out: { message: string; column: number }[] = [];
  const stack: { name: string; at: number }[] = [];
  const re = /<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (!m[2] || m[3] === '/') continue;
    if (m[1] === '/') {
      const open = stack[stack.length - 1];
      if (open?.name !== m[2]) {
        out.push({ message: `Opening and ending tag mismatch: ${open?.name ?? ''} line 1 and ${m[2]}`, column: re.lastIndex });
        // libxml closes the open tag and goes on.
      }
      stack.pop();
    } else stack.push({ name: m[2], at: m.index });
  }
  if (stack.length > 0) out.push({ message: `Premature end of data in tag ${stack[stack.length - 1]!.name} line 1`, column: text.trim().length });
  if (text.trim() !== '' && !/<[A-Za-z_]/.test(text)) out.push({ message: "Start tag expected, '<' not found", column: 0 });
  return out;
}

export function cdata(value: string): string {
  return `<![CDATA[${value.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`;
}

export function escAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n';
export const XML_TAIL = '</prestashop>\n';
