import type { XmlElementLike, XmlParser } from '../../../src/data/import/gmlAreas';

/**
 * A small, strict XML reader for the Node tests of the GML import (the browser uses its DOMParser; Node has none and
 * the project installs no XML package). Enough of XML 1.0 for GML: the declaration, processing instructions,
 * comments, a DOCTYPE without an internal subset, CDATA, elements with prefixed names and attributes in ' or ",
 * the five predefined entities and character references. Anything else (a mismatched end tag, an unknown entity,
 * text or a second element after the root, `<` in an attribute value) is refused with the offset, as a DOM parser
 * refuses it. Namespaces are not resolved: localName is the part after the colon. O(text length).
 */
class Element implements XmlElementLike {
  readonly children: Element[] = [];
  private readonly parts: Array<string | Element> = [];
  constructor(
    readonly tagName: string,
    private readonly attributes: ReadonlyMap<string, string>,
  ) {}
  get localName(): string {
    const colon = this.tagName.indexOf(':');
    return colon < 0 ? this.tagName : this.tagName.slice(colon + 1);
  }
  get textContent(): string {
    return this.parts.map((p) => (typeof p === 'string' ? p : p.textContent)).join('');
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  append(part: string | Element): void {
    this.parts.push(part);
    if (typeof part !== 'string') this.children.push(part);
  }
}

class XmlSyntaxError extends Error {}

const NAME = /[A-Za-z_:\u00C0-\uFFEF][\w.:\-\u00B7\u00C0-\uFFEF]*/y;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string, at: number): string {
  return text.replace(/&([^;\s&]*);?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) throw new XmlSyntaxError(`an "&" not starting an entity near offset ${at}`);
    if (body in PREDEFINED) return PREDEFINED[body]!;
    const numeric = /^#(x[0-9A-Fa-f]+|[0-9]+)$/.exec(body);
    if (!numeric) throw new XmlSyntaxError(`unknown entity "&${body};" near offset ${at}`);
    const code = numeric[1]!.startsWith('x') ? parseInt(numeric[1]!.slice(1), 16) : parseInt(numeric[1]!, 10);
    if (!(code > 0 && code <= 0x10ffff)) throw new XmlSyntaxError(`character reference out of range near offset ${at}`);
    return String.fromCodePoint(code);
  });
}

function parse(text: string): Element {
  let at = 0;
  const stack: Element[] = [];
  let root: Element | null = null;
  const skipPast = (end: string, what: string) => {
    const found = text.indexOf(end, at);
    if (found < 0) throw new XmlSyntaxError(`unterminated ${what} at offset ${at}`);
    const inner = text.slice(at, found);
    at = found + end.length;
    return inner;
  };
  while (at < text.length) {
    const lt = text.indexOf('<', at);
    const chunk = text.slice(at, lt < 0 ? text.length : lt);
    if (chunk) {
      if (stack.length) stack.at(-1)!.append(decodeEntities(chunk, at));
      else if (chunk.trim()) throw new XmlSyntaxError(`text outside the root element at offset ${at}`);
    }
    if (lt < 0) break;
    at = lt;
    if (text.startsWith('<?', at)) {
      at += 2;
      skipPast('?>', 'processing instruction');
    } else if (text.startsWith('<!--', at)) {
      at += 4;
      skipPast('-->', 'comment');
    } else if (text.startsWith('<![CDATA[', at)) {
      at += 9;
      const inner = skipPast(']]>', 'CDATA section');
      if (!stack.length) throw new XmlSyntaxError('CDATA outside the root element');
      stack.at(-1)!.append(inner);
    } else if (text.startsWith('<!DOCTYPE', at)) {
      if (root || stack.length) throw new XmlSyntaxError('DOCTYPE after the root element');
      at += 9;
      const inner = skipPast('>', 'DOCTYPE');
      if (inner.includes('[')) throw new XmlSyntaxError('a DOCTYPE with an internal subset is not supported');
    } else if (text.startsWith('</', at)) {
      at += 2;
      NAME.lastIndex = at;
      const name = NAME.exec(text)?.[0];
      if (!name) throw new XmlSyntaxError(`an end tag without a name at offset ${at}`);
      at += name.length;
      skipPast('>', 'end tag');
      const open = stack.pop();
      if (!open || open.tagName !== name) throw new XmlSyntaxError(`end tag </${name}> does not close <${open?.tagName ?? '—'}> (offset ${at})`);
    } else {
      at += 1;
      NAME.lastIndex = at;
      const name = NAME.exec(text)?.[0];
      if (!name) throw new XmlSyntaxError(`a "<" not starting a tag at offset ${at}`);
      at += name.length;
      const attributes = new Map<string, string>();
      for (;;) {
        const space = /\s*/y;
        space.lastIndex = at;
        at += space.exec(text)![0].length;
        if (text.startsWith('/>', at) || text.startsWith('>', at)) break;
        NAME.lastIndex = at;
        const attribute = NAME.exec(text)?.[0];
        if (!attribute) throw new XmlSyntaxError(`a bad attribute in <${name}> at offset ${at}`);
        at += attribute.length;
        const equals = /\s*=\s*(["'])/y;
        equals.lastIndex = at;
        const quote = equals.exec(text);
        if (!quote) throw new XmlSyntaxError(`attribute ${attribute} of <${name}> has no quoted value (offset ${at})`);
        at += quote[0].length;
        const value = skipPast(quote[1]!, 'attribute value');
        if (value.includes('<')) throw new XmlSyntaxError(`"<" in the value of ${attribute} (offset ${at})`);
        if (attributes.has(attribute)) throw new XmlSyntaxError(`attribute ${attribute} repeated in <${name}>`);
        attributes.set(attribute, decodeEntities(value, at));
      }
      const selfClosing = text.startsWith('/>', at);
      at += selfClosing ? 2 : 1;
      const element = new Element(name, attributes);
      if (stack.length) stack.at(-1)!.append(element);
      else if (root) throw new XmlSyntaxError(`a second root element <${name}>`);
      else root = element;
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length) throw new XmlSyntaxError(`<${stack.at(-1)!.tagName}> is never closed`);
  if (!root) throw new XmlSyntaxError('no root element');
  return root;
}

/** The reader as the GML import's XmlParser. */
export const parseXmlForTests: XmlParser = (text) => {
  try {
    return { ok: true, root: parse(text) };
  } catch (error) {
    if (error instanceof XmlSyntaxError) return { ok: false, reason: error.message };
    throw error;
  }
};
