import { describe, expect, it } from 'vitest';
import { parseXmlForTests } from './xmlReader';

/** The test reader must refuse what a DOM parser refuses, or a GML test could pass on a file the browser rejects. */
describe('parseXmlForTests', () => {
  it('reads names, attributes, entities, character references, CDATA and comments', () => {
    const read = parseXmlForTests(`<?xml version="1.0"?><!DOCTYPE a><!-- c --><x:a k='1 &lt; 2' x:id="v&#x142;"><b>&#322;&amp;<![CDATA[<i>]]></b><c/></x:a>`);
    if (!read.ok) throw new Error(read.reason);
    expect(read.root.localName).toBe('a');
    expect(read.root.getAttribute('k')).toBe('1 < 2');
    expect(read.root.getAttribute('x:id')).toBe('vł');
    expect(read.root.getAttribute('id')).toBeNull();
    expect(Array.from(read.root.children).map((c) => c.localName)).toEqual(['b', 'c']);
    expect(read.root.textContent).toBe('ł&<i>');
  });

  it.each([
    ['<a><b></a>', 'end tag </a> does not close <b>'],
    ['<a>&nbsp;</a>', 'unknown entity "&nbsp;"'],
    ['<a>1 & 2</a>', 'an "&" not starting an entity'],
    ['<a/><b/>', 'a second root element <b>'],
    ['<a>', '<a> is never closed'],
    ['<a x="1" x="2"/>', 'attribute x repeated'],
    ['<a x=1/>', 'has no quoted value'],
    ['text', 'text outside the root element'],
    ['<a><!-- open</a>', 'unterminated comment'],
  ])('refuses %s', (text, reason) => {
    const read = parseXmlForTests(text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason).toContain(reason);
  });
});
