/**
 * Settings sent to the server: only values the user set explicitly, per
 * resource, so that the project's sourced.config.json is not overridden by
 * defaults.
 */
import * as vscode from 'vscode';
import { DIAGNOSTIC_CODES } from '../core/types';

const KEYS = [
  'sources.include',
  'sources.exclude',
  'sources.maxFileSize',
  'notes.include',
  'notes.exclude',
  'notes.maxFileSize',
  'citation.style',
  'citation.footnoteLabel',
  'citation.bibliography',
  'citation.footnoteFormat',
  'validate',
  'aliases',
  'hover.maxPassages',
];

/** The explicitly set `sourced.*` settings for a resource, as a nested object. */
export function explicitSettings(scope: vscode.Uri | undefined): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('sourced', scope);
  const out: Record<string, unknown> = {};
  for (const key of KEYS) {
    const inspected = config.inspect(key);
    const value = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
    if (value === undefined) continue;
    const [area, name] = key.split('.') as [string, string | undefined];
    if (name === undefined) out[area] = value;
    else out[area] = { ...((out[area] as Record<string, unknown>) ?? {}), [name]: value };
  }
  // validate.<code> settings are separate keys in package.json: gather them.
  const validate: Record<string, unknown> = {};
  for (const code of DIAGNOSTIC_CODES) {
    const inspected = config.inspect(`validate.${code}`);
    const value = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
    if (value !== undefined) validate[code] = value;
  }
  if (Object.keys(validate).length) out.validate = validate;
  return out;
}
