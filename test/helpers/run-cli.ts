// The CLI in-process, as a user would run it in `cwd`: exit code and everything it printed.
import { runCli } from "../../src/cli/create-cli.js";
import type { CliIo } from "../../src/cli/io.js";

export async function run(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIo = { cwd, stdout: (t) => void (out += t), stderr: (t) => void (err += t) };
  const code = await runCli(argv, io);
  return { code, out, err };
}
