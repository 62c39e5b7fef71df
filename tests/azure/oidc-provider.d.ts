/** oidc-provider ships no types; the tests use only its constructor, callback, events and errors. */
declare module 'oidc-provider' {
  class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
    proxy: boolean;
    interactionDetails(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<unknown>;
    interactionFinished(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    Grant: {
      new (init: { accountId: string; clientId: string }): OidcGrant;
      find(id: string): Promise<OidcGrant>;
    };
  }
  interface OidcGrant {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }
  export const errors: { InvalidTarget: new (description?: string) => Error };
  export default Provider;
}
