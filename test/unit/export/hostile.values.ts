/**
 * Values that try to change a Markdown document's structure from inside a user field. Each one is
 * put in every user text field of a review at once; the export must keep the benign structure.
 */
const KB100 = 100 * 1024

export const hostileValues: Record<string, string> = {
  'newline + heading': 'Checkout\n# Injected heading\n## Another',
  'CRLF / LS / VT / NEL + heading': 'a\r\n# h1\u2028## h2\v### h3\u0085#### h4\f##### h5',
  'javascript link': '[click me](javascript:alert(document.cookie))',
  'image from tracker': '![](https://tracker.example.com/pixel.gif)',
  'reference-style image and link': '![alt][img] and [text][ref]\n\n[img]: https://evil.example/x.png',
  'link reference definition': '[ref]: https://evil.example/ "title"',
  'footnote definition': 'see [^1]\n\n[^1]: https://evil.example/',
  'script tag': '<script>alert(1)</script>',
  'img onerror': '<img src=x onerror="alert(1)">',
  'html block': '<div>\n\n**bold**\n\n</div>',
  'html comment': '<!-- hidden --> visible',
  autolinks: '<https://evil.example> www.evil.example mail@evil.example https://evil.example/a?b=c',
  'pipes and newlines (table cells)': 'a | b | c\n| --- | --- |\n| d | e |',
  'delimiter row without pipes': 'head\n:-:\ncell',
  'triple backticks': '```js\nalert(1)\n```',
  tildes: '~~~\nfenced\n~~~ and ~~strike~~',
  'indented code': 'text\n\n    indented code\n\t\ttabbed code',
  'front-matter break': '---\ntitle: pwned\n---',
  'setext underlines': 'Heading one\n===\nHeading two\n---',
  'thematic breaks': '***\n- - -\n___',
  'block quote': '> quoted\n>> nested',
  lists: '- a\n* b\n+ c\n1. one\n2) two\n1986. A good year\n- [ ] task',
  'emphasis and math': '*em* __strong__ `code` $x^2$ \\( x \\)',
  'entities and escapes': '&lt;script&gt; &amp; &#x5b;x&#x5d;(y) \\ trailing backslash\\',
  'handlebars expressions': "{{constructor.constructor('alert(1)')()}} {{> front-matter}} {{{raw}}} }}",
  'braces inside a URL': 'https://evil.example/{{a}}/x',
  'bidi controls': 'invoice\u202Egnp.exe \u2066isolate\u2069 \u200Fmark',
  'zero-width characters': 'zero\u200Bwidth\uFEFFbom\u2060joiner \u200Dx',
  'control characters': 'bell\u0007 escape\u001b[31m nul\u0000 del\u007F',
  'hashtag at line start': '#no-space\n#another',
  'only punctuation': '\\`*_{}[]()#+-.!|<>~&$:=',
  '100 KB plain': 'incident '.repeat(KB100 / 9),
  '100 KB hostile mix': '# h\n[x](javascript:y) | <b>\n```\n'.repeat(KB100 / 30),
  '100 KB single word URL': `https://evil.example/${'a'.repeat(KB100)}`,
  '100 KB digits then dot': `${'9'.repeat(KB100)}. text`,
}

/** URLs that must never become links (they are shown as text). */
export const rejectedUrls = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '//evil.example/path',
  '/relative/path',
  'https://user:secret@evil.example/',
  'not a url at all',
]

/** URLs that may become links, with characters Markdown would otherwise read. */
export const acceptedUrls = [
  'https://tracker.example.com/browse/PROJ-1',
  'https://evil.example/a)b(c|d{{e}}`f*g_h[i]j',
  'http://example.com/?a=1&lt=2#frag',
  'mailto:owner@example.com',
]
