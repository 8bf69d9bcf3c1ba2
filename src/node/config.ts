/**
 * Reads the project configuration file from disk for the CLI and the language server, so
 * that both find it, fall back to the defaults and refuse bad files the same way, with the
 * same words. The file comes with the workspace: it may be a named pipe (reading it would
 * wait forever), a device or huge.
 */
import { existsSync } from 'node:fs';
import { ConfigError, DEFAULT_CONFIG, parseConfig, type SourcedConfig } from '../core/config';
import { formatBytes } from '../core/decode';
import { FileReadError } from '../core/fileSystem';
import { readRegularFileSync } from './fileSystem';

/** A configuration file larger than this is not one anybody wrote by hand. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Reads and validates a configuration file; `shownAs` names it in messages. Throws `ConfigError`. */
export function readConfigFile(file: string, shownAs: string): SourcedConfig {
  let bytes: Uint8Array;
  try {
    bytes = readRegularFileSync(file, MAX_CONFIG_BYTES);
  } catch (error) {
    if (error instanceof FileReadError) throw new ConfigError(`${shownAs} is ${error.message}`);
    throw new ConfigError(`${shownAs} cannot be read: ${(error as Error).message}`);
  }
  if (bytes.length > MAX_CONFIG_BYTES) throw new ConfigError(`${shownAs} is larger than ${formatBytes(MAX_CONFIG_BYTES)}; a configuration file is a few lines of JSON`);
  return parseConfig(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''), shownAs);
}

/** Where the project configuration is looked for. */
export interface ConfigLocation {
  /** The configuration file: one the user named, or `sourced.config.json` in the workspace folder. */
  readonly file: string;
  /** How messages name it. */
  readonly shownAs: string;
  /**
   * The error when the file does not exist, for a file the user named. Without it a missing file
   * is no error: the configuration is then the defaults.
   */
  readonly missing?: string;
}

/**
 * The project configuration: the file's when it exists, else the defaults (or the `missing`
 * error). Throws `ConfigError` for a file that cannot be read or is not a valid configuration.
 */
export function loadProjectConfig(location: ConfigLocation): SourcedConfig {
  if (!existsSync(location.file)) {
    if (location.missing !== undefined) throw new ConfigError(location.missing);
    return DEFAULT_CONFIG;
  }
  return readConfigFile(location.file, location.shownAs);
}
