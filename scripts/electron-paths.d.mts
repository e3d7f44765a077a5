export declare const repoRoot: string;
export declare const NATIVE_MODULE: string;
export declare function electronVersion(): string | null;
export declare function electronBinary(): string | null;
export declare function electronMissingReason(): string | null;
export declare function nativeBuildDir(version: string): string;
export declare function nativeBindingPath(version: string): string;
