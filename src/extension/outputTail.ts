/**
 * The language client's output channel, with the last few kilobytes it was given kept in
 * memory: when the server keeps crashing, its last words (Node prints "JavaScript heap out of
 * memory", for instance) tell the user why, in the message that says restarts have stopped.
 */
import type * as vscode from 'vscode';

/** How much of the most recent output is kept. */
const KEEP = 8192;

/** The methods that write a line (the language client writes the server's standard error with `error`). */
const LINE_WRITERS = new Set<PropertyKey>(['appendLine', 'trace', 'debug', 'info', 'warn', 'error']);

/** Wraps an output channel so that what is written to it is also kept; `recent` returns the tail. */
export function recordingOutput<T extends vscode.OutputChannel>(channel: T): { channel: T; recent(): string } {
  let tail = '';
  const remember = (text: unknown): void => {
    tail = (tail + String(text)).slice(-KEEP);
  };
  const recorded = new Proxy(channel, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      if (property === 'append') return (text: string) => (remember(text), method(text));
      if (LINE_WRITERS.has(property)) return (text: unknown, ...rest: unknown[]) => (remember(`${String(text)}\n`), method(text, ...rest));
      if (property === 'replace' || property === 'clear') return (...args: unknown[]) => ((tail = ''), method(...args));
      return method;
    },
  });
  return { channel: recorded, recent: () => tail };
}
