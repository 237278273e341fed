/**
 * A running head on every printed page (top right): the copy's mark, e.g. "Copy No. 1". Chromium
 * draws @page margin boxes from any stylesheet, so the text is put into one from React.
 */
export function RunningHead({ text }: { text: string }) {
  // CSS string: quotes and backslashes escaped, line breaks dropped.
  const css = text.replace(/[\\"]/gu, (c) => `\\${c}`).replace(/[\r\n]+/gu, ' ');
  return <style>{`@page { @top-right { content: "${css}"; font-size: 8pt; } }`}</style>;
}
