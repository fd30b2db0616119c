declare module '@iarna/rtf-to-html' {
  interface Options {
    template?: (doc: unknown, defaults: unknown, content: string) => string;
    disableFonts?: boolean;
  }
  const rtfToHtml: {
    fromString(rtf: string, options: Options, callback: (err: Error | null, html: string) => void): void;
  };
  export default rtfToHtml;
}
