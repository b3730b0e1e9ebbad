import {mkdirSync, symlinkSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {SEARCH_PLACES} from '../src/config/files.js'
import {ownSettingsMayApply, SearchStart} from '../src/config/search-start.js'
import {spawnCli, tempFolder} from './helpers.js'

const IAM = 'The IAM met.\n'

describe('where a configuration search starts', () => {
  it('starts at the nearest folder that holds one of the searched names, skipping the folders between', () => {
    const root = tempFolder({'desk/.lintrc': '{}', 'desk/news/2026/draft.txt': IAM})
    const start = new SearchStart(SEARCH_PLACES)
    expect(start.from(path.join(root, 'desk/news/2026'))).toBe(path.join(root, 'desk'))
    expect(start.from(path.join(root, 'desk'))).toBe(path.join(root, 'desk'))
  })

  it('starts at a package.json even without a "copydesk" key, and at a folder named like a configuration: cosmiconfig judges them', () => {
    const root = tempFolder({'a/package.json': '{"name": "a"}', 'a/b/draft.txt': IAM})
    mkdirSync(path.join(root, 'c/.lintrc.json'), {recursive: true})
    mkdirSync(path.join(root, 'c/d'))
    const start = new SearchStart(SEARCH_PLACES)
    expect(start.from(path.join(root, 'a/b'))).toBe(path.join(root, 'a'))
    expect(start.from(path.join(root, 'c/d'))).toBe(path.join(root, 'c'))
  })

  it('starts at a folder where a searched name is a link round in a loop: cosmiconfig, not the scan, says what that is', () => {
    const root = tempFolder({'e/f/draft.txt': IAM})
    symlinkSync(path.join(root, 'e/.lintrc'), path.join(root, 'e/.lintrc'))
    expect(new SearchStart(SEARCH_PLACES).from(path.join(root, 'e/f'))).toBe(path.join(root, 'e'))
  })

  it('starts at a folder it cannot look into (one under a file), where cosmiconfig stops with an error as before', () => {
    const root = tempFolder({'.lintrc.json': '{}', 'a/f.txt': 'x\n'})
    expect(new SearchStart(SEARCH_PLACES).from(path.join(root, 'a/f.txt/sub'))).toBe(path.join(root, 'a/f.txt/sub'))
    const run = spawnCli(['--print-config', 'a/f.txt/sub/x.txt'], {cwd: root})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('not a directory')
  })

  it('starts at the root when no folder above holds a searched name, so that the user’s global configuration is still read', () => {
    const root = tempFolder({'g/h/draft.txt': IAM})
    const start = new SearchStart(['a-name-no-folder-has.json'])
    expect(start.from(path.join(root, 'g/h'))).toBe(path.parse(root).root)
  })

  it('forgets what it found when cleared, as cosmiconfig forgets its searches', () => {
    const root = tempFolder({'i/j/draft.txt': IAM})
    const start = new SearchStart(['.lintrc'])
    const from = path.join(root, 'i/j')
    expect(start.from(from)).not.toBe(path.join(root, 'i'))
    // A folder named .lintrc is as good as a file here: it makes the folder one to search.
    mkdirSync(path.join(root, 'i/.lintrc'))
    expect(start.from(from)).not.toBe(path.join(root, 'i'))
    start.clear()
    expect(start.from(from)).toBe(path.join(root, 'i'))
  })
})

describe('the user’s global configuration', () => {
  it('applies to a file in its own folder, where cosmiconfig’s search had waited on itself (exit code 13, nothing printed)', () => {
    const folder = tempFolder({'xdg/copydesk/config.json': JSON.stringify({rules: {'acronym-definition': 'off'}}), 'work/.keep': ''})
    const env = {XDG_CONFIG_HOME: path.join(folder, 'xdg')}
    const cwd = path.join(folder, 'work')
    const printed = spawnCli(['--print-config', '../xdg/copydesk/notes.txt'], {cwd, env})
    expect(printed.code).toBe(0)
    expect(printed.stdout).toContain(path.join(folder, 'xdg', 'copydesk', 'config.json'))
    expect(spawnCli(['--stdin-filename', '../xdg/copydesk/n.txt'], {cwd, env, input: IAM})).toEqual({code: 0, stdout: '', stderr: ''})
  })
})

describe('cosmiconfig’s own settings in the working folder', () => {
  it('are looked for as cosmiconfig looks for them: a "cosmiconfig" key of package.json, package.yaml, .config/', () => {
    expect(ownSettingsMayApply(tempFolder({'package.json': '{"name": "x", "dependencies": {"cosmiconfig": "9"}}'}))).toBe(false)
    expect(ownSettingsMayApply(tempFolder({'package.json': '{"cosmiconfig": {"searchPlaces": []}}'}))).toBe(true)
    expect(ownSettingsMayApply(tempFolder({'package.yaml': 'name: x\n'}))).toBe(true)
    expect(ownSettingsMayApply(tempFolder({'.config/config.json': '{}'}))).toBe(true)
    expect(ownSettingsMayApply(tempFolder({'.config/config.mjs': 'export default {}\n'}))).toBe(true)
    // A home folder's .config holds other programs' settings: not cosmiconfig's.
    expect(ownSettingsMayApply(tempFolder({'.config/git/config': '', '.config/other.json': '{}'}))).toBe(false)
    expect(ownSettingsMayApply(tempFolder({}))).toBe(false)
  })

  it('that add a search place leave the search whole, so a file of that name in a folder below is found', () => {
    const folder = tempFolder({
      '.config/config.json': JSON.stringify({cosmiconfig: {searchPlaces: ['{name}.settings.json']}}),
      'desk/copydesk.settings.json': JSON.stringify({rules: {'acronym-definition': 'off'}}),
      'desk/draft.txt': IAM,
    })
    expect(spawnCli(['desk/draft.txt'], {cwd: folder})).toEqual({code: 0, stdout: '', stderr: ''})
    // Without the settings file the acronym is reported: the configuration above is what turned it off.
    const plain = tempFolder({'desk/draft.txt': IAM})
    expect(spawnCli(['desk/draft.txt'], {cwd: plain}).stdout).toContain('Unexpected undefined acronym `IAM`')
  })
})
