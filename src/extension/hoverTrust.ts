/**
 * Hover cards quote scraped source articles, so their Markdown is only partly
 * ours. The server escapes every quoted byte (see `core/features/markdown.ts`)
 * and links only to `file:` passages and the commands in `HOVER_COMMANDS`; this
 * middleware makes the client trust exactly those commands and nothing else:
 * `isTrusted` is an allow-list, never `true`, HTML stays off and theme icons
 * are not rendered.
 *
 * Only types come from `vscode` here, so the middleware runs in plain Node tests.
 */
import type * as vscode from 'vscode';
import type { HoverMiddleware } from 'vscode-languageclient/node';
import { HOVER_COMMANDS } from '../core/protocol';

/**
 * The commands hover links may run: the extension's registered commands that hover cards
 * link to. A command the registry lacks is never trusted, whatever a card links to.
 */
export function hoverCommandAllowList(registered: Iterable<string>): string[] {
  const linked = new Set<string>(Object.values(HOVER_COMMANDS));
  return [...registered].filter((id) => linked.has(id)).sort();
}

function isMarkdownString(content: unknown): content is vscode.MarkdownString {
  return typeof content === 'object' && content !== null && typeof (content as vscode.MarkdownString).appendMarkdown === 'function';
}

/** Sets the trust of a hover's Markdown: the allow-list, no HTML, no theme icons. */
export function trustHover<T extends Pick<vscode.Hover, 'contents'>>(hover: T, enabledCommands: readonly string[]): T {
  for (const content of hover.contents) {
    if (!isMarkdownString(content)) continue;
    content.isTrusted = { enabledCommands: [...enabledCommands] };
    content.supportHtml = false;
    content.supportThemeIcons = false;
  }
  return hover;
}

/** The `provideHover` middleware for the language client, given the registry's command ids. */
export function trustHovers(registered: Iterable<string>): NonNullable<HoverMiddleware['provideHover']> {
  const enabledCommands = hoverCommandAllowList(registered);
  return async (document, position, token, next) => {
    const hover = await next(document, position, token);
    return hover ? trustHover(hover, enabledCommands) : hover;
  };
}
