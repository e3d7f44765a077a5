export declare function ensureElectronNative(options?: { log?: (line: string) => void }): Promise<string | null>;
