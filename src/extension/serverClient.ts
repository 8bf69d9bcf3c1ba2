/**
 * The language client as the rest of the extension uses it: requests by method name. The real
 * client (vscode-languageclient, nearly all of the extension's code) is loaded only after
 * activation returns (see client.ts); until then requests wait for it, so that activating the
 * extension costs the editor little.
 */
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** What commands, views and providers ask of the server. */
export interface ServerClient {
  sendRequest<R>(method: string, params?: unknown, token?: vscode.CancellationToken): Promise<R>;
}

/** A client that exists once the real one is loaded; requests made before wait for it. */
export class LazyClient implements ServerClient {
  private client: LanguageClient | undefined;
  private readonly waiting: Array<(client: LanguageClient) => void> = [];

  /** The real client, once loaded. */
  get current(): LanguageClient | undefined {
    return this.client;
  }

  /** Sets the real client; requests that were waiting go to it. */
  set(client: LanguageClient): void {
    this.client = client;
    this.waiting.splice(0).forEach((resolve) => resolve(client));
  }

  async sendRequest<R>(method: string, params?: unknown, token?: vscode.CancellationToken): Promise<R> {
    const client = this.client ?? (await new Promise<LanguageClient>((resolve) => this.waiting.push(resolve)));
    // Only the arguments given: an undefined token passed on would be sent as a second parameter.
    if (token) return client.sendRequest<R>(method, params, token);
    return params === undefined ? client.sendRequest<R>(method) : client.sendRequest<R>(method, params);
  }
}
