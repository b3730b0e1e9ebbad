// The rule's own examples, run through copydesk's real pipeline with its
// rule-testing helper, the way ESLint's RuleTester is used.
import {describe, expect, it} from 'vitest'
import {checkRule} from 'copydesk'
import rule from '../rules/no-bare-title.js'

describe('no-bare-title', async () => {
  for (const check of await checkRule(rule)) {
    it(check.name, () => {
      expect(check.actual).toEqual(check.expected)
    })
  }

  it('stays silent once the person is named, across paragraphs', async () => {
    const [check] = await checkRule(rule, {
      valid: [{text: 'Khamenei spoke.\n\nThe Leader left.', options: {titles: [{title: 'the Leader', names: ['Khamenei']}]}}],
      invalid: [],
    })
    expect(check.actual).toEqual({messages: []})
  })
})
