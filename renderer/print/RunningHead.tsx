/**
 * A running head on every printed page (top right): the copy's mark, e.g. "Copy No. 1"; and, when
 * given, a warning on every page (top left), e.g. "NOT VALID — superseded by version 2". Chromium
 * draws @page margin boxes from any stylesheet, so the text is put into one from React.
 */
const cssString = (text: string) => text.replace(/[\\"]/gu, (c) => `\\${c}`).replace(/[\r\n]+/gu, ' ');

export function RunningHead({ text, warning }: { text: string; warning?: string }) {
  const left = warning ? ` @top-left { content: "${cssString(warning)}"; font-size: 9pt; font-weight: 700; color: #b00000; }` : '';
  return <style>{`@page { @top-right { content: "${cssString(text)}"; font-size: 8pt; }${left} }`}</style>;
}
