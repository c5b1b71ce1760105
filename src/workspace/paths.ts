// Where a config's workspace lives: `.pipeprism/pipeprism.duckdb` beside the config file unless
// the config names another place.
import path from "node:path";
import type { LoadedConfig } from "../model/config.js";

export function workspaceFile(loaded: LoadedConfig): string {
  const configured = loaded.config.workspace;
  return configured ? path.resolve(loaded.baseDir, configured) : path.join(loaded.baseDir, ".pipeprism", "pipeprism.duckdb");
}

export function sourceFile(loaded: LoadedConfig, relative: string): string {
  return path.resolve(loaded.baseDir, relative);
}
