export function satisfiesMinimum(version: string, range: string): boolean;
export function nodeProblem(version?: string): string | null;
