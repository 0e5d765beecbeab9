export declare function writerBody(w: number, bodyBytes: number): Uint8Array;
