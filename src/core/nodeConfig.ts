/**
 * Reads the project configuration file from disk for the CLI and the language server, so
 * that both refuse the same bad files with the same words. The file comes with the
 * workspace: it may be a named pipe (reading it would wait forever), a device or huge.
 */
import { ConfigError, parseConfig, type SourcedConfig } from './config';
import { formatBytes } from './decode';
import { FileReadError } from './fileSystem';
import { readRegularFileSync } from './nodeFileSystem';

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
