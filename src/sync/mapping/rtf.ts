/**
 * ART-03: RTF descriptions (as Sage stores them) to HTML for the shop, with
 * @iarna/rtf-to-html. Two fixes around it: the fallback character that follows a
 * \uN escape (RTF's \uc1) is dropped, and the runs of <strong> the library splits
 * at every accented character are joined again.
 */
import rtfToHtmlLib from '@iarna/rtf-to-html';

export function isRtf(text: string): boolean {
  return text.trimStart().startsWith('{\\rtf');
}

/** Drops the one-character ANSI fallback after each \uN (we only write \uc1 RTF, as Sage does). */
function dropUnicodeFallbacks(rtf: string): string {
  return rtf.replace(/(\\u-?\d+) ?(\\'[0-9a-fA-F]{2}|[^\\{}])/g, '$1 ');
}

export function rtfToHtml(rtf: string): Promise<string> {
  return new Promise((resolve, reject) => {
    rtfToHtmlLib.fromString(
      // The library writes text unescaped: escape HTML's specials first (none is special in RTF).
      dropUnicodeFallbacks(rtf).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      { template: (_doc: unknown, _defaults: unknown, content: string) => content, disableFonts: true },
      (err: Error | null, html: string) => {
        if (err) reject(err);
        else resolve(tidy(html));
      },
    );
  });
}

function tidy(html: string): string {
  return html
    .replace(/<\/(strong|em|u)><\1>/g, '')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** Text for the shop: RTF converted when asked, anything else as it is. */
export async function shopText(text: string, convertRtf: boolean): Promise<string> {
  if (!isRtf(text)) return text;
  return convertRtf ? rtfToHtml(text) : text;
}
