// Types for the values test/support/services.global-setup.ts hands to tests via inject().
declare module "vitest" {
  export interface ProvidedContext {
    /** redis://127.0.0.1:PORT of a real Redis server shared by the whole run. */
    redisUrl: string;
    /** MongoDB-wire server base URI without a database name (may carry ?options). */
    mongodbUri: string;
  }
}

export {};
