// starts `jikimi witness serve` (dist/) on a free loopback port, the way an operator runs it.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./cli.js";

const MAIN = join(ROOT, "dist", "bin", "jikimi.js");

/**
 * Starts the witness of `dir`; resolves once it prints `listening on <url>`. `started` gets the child first, so
 * the caller can kill it whatever happens.
 */
export function serveWitness(
  dir: string,
  started: (child: ChildProcessWithoutNullStreams) => void,
): Promise<{ child: ChildProcessWithoutNullStreams; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [MAIN, "witness", "serve", "--dir", dir, "--listen", "127.0.0.1:0"]);
  started(child);
  let err = "";
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString();
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
      if (m) resolve({ child, url: m[1] as string, stderr: () => err });
    });
    child.on("exit", (code) => reject(new Error(`the witness exited with ${code}: ${err}`)));
  });
}
