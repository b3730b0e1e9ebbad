import {describe, expect, it} from 'vitest'
import {jsonMessagesOf, spawnCli, tempFolder, type JsonMessage} from './helpers.js'

const messagesOf = jsonMessagesOf

const summary = (messages: JsonMessage[]) => messages.map((message) => `${message.ruleId} ${message.severity}`).sort()

describe('the reference article as Markdown and as HTML', () => {
  it('gives the same problems, rule by rule, as the plain text version', async () => {
    const text = summary(await messagesOf(['fixtures/articles/assad-tehran.txt']))
    expect(summary(await messagesOf(['fixtures/articles/assad-tehran.md']))).toEqual(text)
    expect(summary(await messagesOf(['fixtures/articles/assad-tehran.html']))).toEqual(text)
  })
})

describe('Markdown', () => {
  it('reports nothing inside front matter, code blocks, inline code, link destinations and autolinks', async () => {
    const markdown = [
      '---',
      'title: the the » Leave a Reply',
      '---',
      '',
      'See [the report](https://example.org/?q=the%20the«) and <https://example.org/the-the>.',
      '',
      'Run `the the »` first.',
      '',
      '```',
      'the the « » IAM',
      'Leave a Reply',
      '```',
      '',
      '    indented code: the the »',
      '',
      '<div>the the » raw HTML</div>',
      '',
    ].join('\n')
    expect(await messagesOf(['-', '--stdin-filename', 'post.md'], {stdin: markdown})).toEqual([])
  })

  it('lints headings, list items, table cells, block quotes and footnotes, each block a paragraph', async () => {
    const markdown = [
      '# The the heading',
      '',
      '- an item with on on',
      '- “an item left open',
      '',
      '| a | b |',
      '|---|---|',
      '| it it | “cell |',
      '',
      '> quoted so so',
      '',
      'Text.[^1]',
      '',
      '[^1]: A note note.',
      '',
    ].join('\n')
    const messages = await messagesOf(['-', '--stdin-filename', 'post.md'], {stdin: markdown})
    expect(messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual([
      '1:3 repeated-words',
      '3:16 repeated-words',
      '4:3 quote-pairs',
      '8:3 repeated-words',
      '8:11 quote-pairs',
      '10:10 repeated-words',
      '14:9 repeated-words',
    ])
  })

  it('is chosen for standard input by --stdin-filename, as the real command', () => {
    const run = spawnCli(['--stdin-filename', 'post.md'], {input: '```\nthe the\n```\n\nIt was the the end.\n'})
    expect(run.stdout.split('\n')[0]).toBe('post.md:5:8: error: Unexpected repeated `the`, remove one occurrence [repeated-words]')
  })
})

describe('HTML', () => {
  it('reports nothing inside scripts, styles, code, templates, attributes or the site navigation', async () => {
    const html = [
      '<html><head><title>the the</title><style>p::after { content: "»" }</style><script>let a = "the the »"</script></head>',
      '<body><nav>Home » News » the the</nav>',
      '<p title="the the »">A <code>the the »</code> <img alt="fine" src="x.png"> clean sentence.</p>',
      '<template><p>the the »</p></template>',
      '<pre>the the « »</pre>',
      '</body></html>',
    ].join('\n')
    expect(await messagesOf(['-', '--stdin-filename', 'page.html'], {stdin: html})).toEqual([])
  })

  it('lints the navigation of an article or main element, and ignores the next element after an ignore comment, however deep', async () => {
    const inner = [
      '<article><div><nav>In the the article.</nav></div></article>',
      '<main><nav>In the the main.</nav></main>',
      '<nav>Site the the menu.</nav>',
      // The next element, a blank line further down.
      '<div><!-- copydesk-ignore repeated-words -->',
      '',
      '<p>Kept the the quiet.</p>',
      '<p>Not the the quiet.</p></div>',
    ].join('\n')
    // Deep enough that a walk copying the ancestors at each level took seconds.
    const html = `<body>${'<div>'.repeat(3000)}\n${inner}\n${'</div>'.repeat(3000)}</body>`
    const messages = await messagesOf(['-', '--stdin-filename', 'page.html'], {stdin: html})
    expect(messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual(['2:23 repeated-words', '3:15 repeated-words', '8:8 repeated-words'])
  })

  it('treats block elements as paragraphs, with positions in the HTML file', async () => {
    const html = '<body>\n<p>It was the the end.</p>\n<ul><li>“open item</li><li>done”</li></ul>\n</body>\n'
    const messages = await messagesOf(['-', '--stdin-filename', 'page.html'], {stdin: html})
    expect(messages.map((message) => `${message.line}:${message.column} ${message.ruleId}: ${message.message}`)).toEqual([
      '2:11 repeated-words: Unexpected repeated `the`, remove one occurrence',
      '3:9 quote-pairs: Unexpected unclosed `“` at the end of the paragraph, close the quotation with `”`',
      '3:32 quote-pairs: Unexpected closing `”` with no quotation open, add the opening `“` or remove it',
    ])
  })

  it('finds a share widget and related posts by their markup, one message per element', async () => {
    const html = [
      '<article><p>The talks ended.</p>',
      '<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a href="#">Twitter</a></li></ul></div>',
      '<div id="jp-relatedposts" class="jp-relatedposts"><h3>Related</h3><p>Other news from the IAM</p></div>',
      '</article>',
    ].join('\n')
    const messages = await messagesOf(['-', '--stdin-filename', 'page.html'], {stdin: html})
    expect(messages.map((message) => `${message.line}:${message.column} ${message.message}`)).toEqual([
      '2:1 Unexpected share-widget text `Share this: Twitter`, remove it before publication',
      '3:1 Unexpected related-posts text `Related Other news from the IAM`, remove it before publication',
    ])
  })
})

describe('inline control comments', () => {
  const cases: Array<[string, string, string]> = [
    ['plain text', 'draft.txt', '<!-- copydesk-disable quote-pairs -->\nHe said: “We stay. »\n<!-- copydesk-enable quote-pairs -->\n\nShe said: “We go. »\n'],
    ['Markdown', 'draft.md', '<!-- copydesk-disable quote-pairs -->\n\nHe said: “We stay. »\n\n<!-- copydesk-enable quote-pairs -->\n\nShe said: “We go. »\n'],
    ['HTML', 'draft.html', '<!-- copydesk-disable quote-pairs -->\n<p>He said: “We stay. »</p>\n<!-- copydesk-enable quote-pairs -->\n<p>She said: “We go. »</p>\n'],
  ]

  for (const [kind, name, text] of cases) {
    it(`silence exactly one rule until the matching enable in ${kind}`, async () => {
      const folder = tempFolder({[name]: text})
      const messages = await messagesOf([name], {cwd: folder})
      expect(messages.map((message) => `${message.ruleId} ${message.message}`)).toEqual([
        'quote-pairs Unexpected `»` closing the quotation opened with `“` at 5:11, expected `”`'.replace('5:11', kind === 'HTML' ? '4:14' : kind === 'Markdown' ? '7:11' : '5:11'),
      ])
    })
  }

  it('keep the words of a control line in plain text out of the prose', async () => {
    const messages = await messagesOf(['-'], {stdin: '<!-- copydesk-disable-next-line repeated-words -->\nthe the\n'})
    expect(messages).toEqual([])
  })

  it('silence the next line with disable-next-line in text whose lines end in a carriage return alone', async () => {
    const text = ['<!-- copydesk-disable-next-line repeated-words -->', 'the the first line', 'the the second line', ''].join('\r')
    const messages = await messagesOf(['-'], {stdin: text})
    expect(messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual(['3:1 repeated-words'])
  })

  it('silence the next line only with disable-next-line, and the next block with ignore', async () => {
    const text = [
      '<!-- copydesk-disable-next-line repeated-words -->',
      'the the first line',
      'the the second line',
      '',
      '<!-- copydesk-ignore -->',
      'the the, and a “stray »',
      'on on the same block',
      '',
      'the the after the block',
      '',
    ].join('\n')
    const messages = await messagesOf(['-'], {stdin: text})
    expect(messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual(['3:1 repeated-words', '9:1 repeated-words'])
  })

  it('silence each its own line in a long file with a comment every few lines, and pairs of disable and enable around others', async () => {
    const unit = (index: number) =>
      index % 10 === 9
        ? '<!-- copydesk-disable repeated-words -->\nthe the silenced\n<!-- copydesk-enable repeated-words -->\non on reported\n\n'
        : '<!-- copydesk-disable-next-line repeated-words -->\nthe the silenced\nand and reported\n\n'
    const text = Array.from({length: 400}, (_, index) => unit(index)).join('')
    const messages = await messagesOf(['-'], {stdin: text})
    const lines = text.split('\n')
    // Only the lines after each silenced one, none of the silenced ones, and no comment reported as unused.
    expect(messages.map((message) => lines[message.line - 1])).toEqual(Array.from({length: 400}, (_, index) => (index % 10 === 9 ? 'on on reported' : 'and and reported')))
  })

  it('warn about a rule id they do not know, with a did-you-mean, and about one that silences nothing', async () => {
    const text = '<!-- copydesk-disable quote-pair -->\nFine.\n\n<!-- copydesk-disable-next-line repeated-words -->\nNothing repeated here.\n'
    const messages = await messagesOf(['-'], {stdin: text})
    expect(messages.map((message) => `${message.line}:${message.column} ${message.severity} ${message.ruleId}: ${message.message}`)).toEqual([
      '1:1 warning directives: Unexpected unknown rule `quote-pair` in `copydesk-disable` (did you mean `quote-pairs`?), expected a rule id from --list-rules',
      '4:1 warning directives: Unexpected unused `copydesk-disable-next-line repeated-words`, it silences nothing here: remove it',
    ])
  })
})
