export interface Tool {
  command: string;
  pkg: string;
  suites: string[];
  env?: string;
  why: string;
}
export interface Missing extends Tool {
  problem: string;
  fixable: boolean;
}
export interface System {
  env: Record<string, string | undefined>;
  isRoot: boolean;
  hasAptGet: boolean;
  platform: string;
  found(command: string): boolean;
  exists(path: string): boolean;
}
export interface Io extends System {
  run(cmd: string, args: string[], env: Record<string, string>): number;
  writeFile(path: string, text: string, mode: number): void;
  remove(path: string): void;
  log(line: string): void;
}
export type Plan =
  | { action: 'none' }
  | { action: 'install'; packages: string[]; missing: Missing[] }
  | { action: 'instruct'; missing: Missing[]; lines: string[] };
export const TOOLS: Tool[];
export const EXTRA_DIRS: string[];
export const POLICY_RC_D: string;
export function needed(tool: Tool, suites: string[]): boolean;
export function plan(suites: string[], sys: System, tools?: Tool[]): Plan;
export function ensure(suites: string[], io: Io, tools?: Tool[]): number;
