/**
 * The client's command handlers that open a document (Show All Mentions, Open Source at
 * Passage) take a URI from a command link, and hover cards quote untrusted sources: a URI
 * outside the workspace folders is refused. The decision is a pure function of the URI's
 * parts (as `vscode.Uri` gives them, percent-decoded), tested here in plain Node.
 */
import * as assert from 'node:assert/strict';
import { isInsideFolders, pathsIgnoreCase, type UriParts } from '../../src/extension/workspaceUri';

const file = (path: string, authority = ''): UriParts => ({ scheme: 'file', authority, path });

describe('command URIs: only files inside the workspace folders', () => {
  const posix: Array<[name: string, uri: UriParts, inside: boolean]> = [
    ['a file in the folder', file('/ws/sources/a.md'), true],
    ['the folder itself', file('/ws'), true],
    ['the folder with a trailing slash', file('/ws/'), true],
    ['a path with "." segments and doubled slashes', file('/ws/./sources//a.md'), true],
    ['a path that climbs out and back in', file('/ws/sources/../a.md'), true],
    ['a path that climbs out with ".."', file('/ws/../etc/passwd'), false],
    ['a path that climbs out from a subfolder', file('/ws/sources/../../etc/passwd'), false],
    ['a path that climbs out with backslashes', file('/ws/sources\\..\\..\\etc\\passwd'), false],
    ['a path that climbs above the root', file('/../../ws/a.md'), true],
    ['a sibling whose name starts like the folder', file('/ws-evil/a.md'), false],
    ['a sibling whose name extends the folder', file('/wsx'), false],
    ['a parent folder', file('/'), false],
    ['a file elsewhere', file('/etc/passwd'), false],
    ['the folder in other case, where case matters', file('/WS/a.md'), false],
    ['a file on another host', file('/ws/a.md', 'evil.example'), false],
    ['an https URI', { scheme: 'https', authority: 'evil.example', path: '/ws/a.md' }, false],
    ['a command URI', { scheme: 'command', authority: '', path: 'workbench.action.terminal.new' }, false],
    ['an untitled document', { scheme: 'untitled', authority: '', path: '/ws/a.md' }, false],
    ['a remote file', { scheme: 'vscode-remote', authority: 'ssh-remote+host', path: '/ws/a.md' }, false],
    ['a FILE: scheme in capitals', { scheme: 'FILE', authority: '', path: '/ws/a.md' }, true],
  ];
  for (const [name, uri, inside] of posix) {
    it(`${name} is ${inside ? 'inside' : 'refused'} (folder /ws, case-sensitive)`, () => {
      assert.equal(isInsideFolders(uri, [file('/ws')], false), inside);
    });
  }

  it('a folder given with a trailing slash contains its files and not its siblings', () => {
    assert.equal(isInsideFolders(file('/ws/a.md'), [file('/ws/')], false), true);
    assert.equal(isInsideFolders(file('/ws-evil/a.md'), [file('/ws/')], false), false);
  });

  it('any of several folders will do; none is no workspace at all', () => {
    const folders = [file('/ws'), file('/other/place')];
    assert.equal(isInsideFolders(file('/other/place/a.md'), folders, false), true);
    assert.equal(isInsideFolders(file('/other/a.md'), folders, false), false);
    assert.equal(isInsideFolders(file('/ws/a.md'), [], false), false);
  });

  it('a folder that is not a file: folder contains nothing', () => {
    assert.equal(isInsideFolders(file('/ws/a.md'), [{ scheme: 'vscode-remote', authority: 'host', path: '/ws' }], false), false);
  });

  const windows: Array<[name: string, uri: UriParts, inside: boolean]> = [
    ['a file in other case and drive-letter case', file('/C:/USERS/me/WS/a.md'), true],
    ['a sibling whose name starts like the folder', file('/c:/Users/me/ws-evil/a.md'), false],
    ['a path that climbs out with backslashes', file('/c:/Users/me/ws/..\\..\\secret.txt'), false],
    ['another drive', file('/d:/Users/me/ws/a.md'), false],
    ['a UNC share', file('/Users/me/ws/a.md', 'server'), false],
  ];
  for (const [name, uri, inside] of windows) {
    it(`${name} is ${inside ? 'inside' : 'refused'} (folder c:\\Users\\me\\ws, case-insensitive)`, () => {
      assert.equal(isInsideFolders(uri, [file('/c:/Users/me/ws')], true), inside);
    });
  }

  it('a UNC folder contains files on the same host, whatever the case of its name', () => {
    assert.equal(isInsideFolders(file('/share/ws/a.md', 'SERVER'), [file('/share/ws', 'server')], true), true);
    assert.equal(isInsideFolders(file('/share/ws/a.md', 'other'), [file('/share/ws', 'server')], true), false);
  });

  const platforms: Array<[platform: string, ignoreCase: boolean]> = [
    ['win32', true],
    ['darwin', true],
    ['linux', false],
    ['freebsd', false],
  ];
  for (const [platform, ignoreCase] of platforms) {
    it(`paths on ${platform} are compared ${ignoreCase ? 'without' : 'with'} case`, () => assert.equal(pathsIgnoreCase(platform), ignoreCase));
  }
});
