// Regenerates the rules section of README.md from the rules' own data
// (summary, why, examples), the same text `copydesk --explain` prints.
// Run with `npm run docs`; tests/docs.test.ts fails when the README is stale.
import {readFileSync, writeFileSync} from 'node:fs'
import {renderRulesSection, replaceRulesSection} from '../dist/src/readme.js'

const readme = new URL('../README.md', import.meta.url)
const current = readFileSync(readme, 'utf8')
const next = replaceRulesSection(current, await renderRulesSection())
if (next === current) {
  console.log('README.md is up to date')
} else {
  writeFileSync(readme, next)
  console.log('README.md rules section regenerated')
}
