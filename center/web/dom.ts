/** The few DOM helpers the page needs: every value goes in as text (textContent), never as HTML. */

/** The element with this id (the page's markup has it; a missing one is a bug of the page). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node as T;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string | null, text?: string | number | null): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element with its attributes (and text). */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string | number): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

/** The status line under the header. */
export function say(text: string, isError = false): void {
  const m = byId('message');
  m.textContent = text;
  m.className = isError ? 'error' : 'muted';
}

/** A result line of a form: muted, good (green) or refused (red). */
export function result(id: string, text: string, good?: boolean): void {
  const out = byId(id);
  out.textContent = text;
  out.className = good === undefined ? 'muted' : good ? 'ok' : 'error';
}
