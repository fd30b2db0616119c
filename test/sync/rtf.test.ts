/** ART-03: RTF descriptions (as Sage stores them) to HTML; other texts untouched. */
import { describe, expect, it } from 'vitest';
import { isRtf, rtfToHtml, shopText } from '../../src/sync/mapping/rtf.js';
import { articleOf } from './sample.js';

const RTF_AR0003 = articleOf('AR0003').descriptionRtf!;
const RTF_AR0013 = articleOf('AR0013').descriptionRtf!;
/** Header Sage writes (Windows-1252, French, \uc1). */
const HEAD = String.raw`{\rtf1\ansi\ansicpg1252\deff0\deflang1036{\fonttbl{\f0\fswiss\fcharset0 Arial;}}\viewkind4\uc1\pard\f0\fs20 `;
const rtf = (body: string) => `${HEAD}${body}\\par}`;

describe('the sample RTF descriptions', () => {
  it('RTF_AR0003 -> one paragraph', async () => {
    expect(await rtfToHtml(RTF_AR0003)).toBe('<p>Tablette de chocolat noir 70 % cacao, 100 g.</p>');
  });

  it('RTF_AR0013 -> two paragraphs, accents decoded, bold kept', async () => {
    const html = await rtfToHtml(RTF_AR0013);
    expect(html).toBe(
      '<p><strong>Bouilloire électrique</strong> en inox brossé, 1,7 L.</p>\n' +
      '<p>Arrêt automatique, socle 360°, filtre anticalcaire amovible.</p>',
    );
  });

  it.each([RTF_AR0003, RTF_AR0013])('no RTF left over, no stray "?" (%#)', async (source) => {
    const html = await rtfToHtml(source);
    expect(html).not.toMatch(/[\\{}?]|rtf1|Arial|fonttbl/);
    expect(html).not.toMatch(/<span|<font|style=/);
  });
});

describe('rtfToHtml: characters and formatting', () => {
  it.each([
    { what: "\\'e9 / \\'e8 (Windows-1252 hex)", body: String.raw`Caf\'e9, cr\'e8me, p\'e2te, na\'efve`, html: '<p>Café, crème, pâte, naïve</p>' },
    { what: '\\u232? (unicode with fallback ?)', body: String.raw`Cr\u232?me br\u251?l\u233?e`, html: '<p>Crème brûlée</p>' },
    { what: '\\uN followed by a space then the fallback letter', body: String.raw`Caf\u233 e noir`, html: '<p>Café noir</p>' },
    { what: "\\uN with a \\'xx fallback", body: String.raw`Caf\u233\'e9 noir`, html: '<p>Café noir</p>' },
    { what: 'euro, apostrophe and oe (cp1252 80/92/9c)', body: String.raw`5 \'80, l\'92\'9cuf`, html: '<p>5 €, l’œuf</p>' },
    { what: 'euro and apostrophe as \\uN', body: String.raw`5 \u8364?, l\u8217?\u339?uf`, html: '<p>5 €, l’œuf</p>' },
    { what: 'bold around accented words stays one <strong>', body: String.raw`\b gras \'e9t\'e9 \u233?t\u233?\b0  normal`, html: '<p><strong>gras été été</strong> normal</p>' },
    { what: 'italic and underline', body: String.raw`\i italique\i0  et \ul soulign\'e9\ulnone .`, html: '<p><em>italique</em> et <u>souligné</u>.</p>' },
    { what: 'two paragraphs', body: String.raw`Un\par Deux`, html: '<p>Un</p>\n<p>Deux</p>' },
  ])('$what', async ({ body, html }) => {
    const out = await rtfToHtml(rtf(body));
    expect(out).toBe(html);
    expect(out).not.toContain('?');
  });

  it('an empty paragraph does not leave blank lines', async () => {
    expect(await rtfToHtml(rtf(String.raw`Un\par\par Deux`))).not.toMatch(/\n\n/);
  });

  // BUG (src/sync/mapping/rtf.ts): plain text is not HTML-escaped (@iarna/rtf-to-html writes it raw),
  // so "L<H" opens a tag in the shop and "&copy" becomes ©. Text must come out as &lt; &gt; &amp;.
  it('text characters special to HTML are escaped', async () => {
    const out = await rtfToHtml(rtf('Dimensions L<H, R&D, 3 > 2'));
    expect(out).toBe('<p>Dimensions L&lt;H, R&amp;D, 3 &gt; 2</p>');
  });
});

describe('isRtf / shopText', () => {
  it.each([
    { text: RTF_AR0003, rtf: true },
    { text: `  \n${RTF_AR0013}`, rtf: true },
    { text: 'Tablette de chocolat noir 70 % cacao, 100 g.', rtf: false },
    { text: '<p>Boîte de 12 macarons : <b>chocolat</b>, framboise, pistache et citron.</p>', rtf: false },
    { text: '', rtf: false },
    { text: 'Voir {\\rtf1 plus loin}', rtf: false },
  ])('isRtf(%#) -> $rtf', ({ text, rtf: expected }) => {
    expect(isRtf(text)).toBe(expected);
  });

  it.each([
    { what: 'plain text', text: 'Chocolat noir 70 %' },
    { what: 'HTML (AR0005)', text: articleOf('AR0005').description },
    { what: 'HTML with a line break (AR0008)', text: articleOf('AR0008').description },
    { what: 'empty', text: '' },
    { what: 'question marks and backslashes', text: 'Quoi ? C:\\chemin\\u233' },
  ])('non-RTF $what is returned as is, conversion on or off', async ({ text }) => {
    expect(await shopText(text, true)).toBe(text);
    expect(await shopText(text, false)).toBe(text);
  });

  it('RTF with rtfToHtml on -> HTML', async () => {
    expect(await shopText(RTF_AR0003, true)).toBe('<p>Tablette de chocolat noir 70 % cacao, 100 g.</p>');
  });

  it.each([RTF_AR0003, RTF_AR0013])('RTF with rtfToHtml off is kept as RTF (%#)', async (source) => {
    expect(await shopText(source, false)).toBe(source);
  });
});
