// --config defaults to ./pipeprism.yaml in the directory the command runs from.
import path from "node:path";
import type { CliIo } from "./io.js";

export function resolveConfigPath(io: CliIo, config: string | undefined): string {
  return path.resolve(io.cwd, config ?? "pipeprism.yaml");
}
