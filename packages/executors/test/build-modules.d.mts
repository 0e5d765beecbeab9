export const buildDir: string;
export function buildModules(): Promise<string[]>;
