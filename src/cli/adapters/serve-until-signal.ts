// a server the CLI runs until SIGINT or SIGTERM (`jikimi serve`, `jikimi witness serve`): the handlers are in place
// before the ready line, since a supervisor may stop the server the moment it reads it.
import { ExitCode } from "../exit-codes.js";
import { jsonOutput, note } from "../output.js";

/**
 * Prints `listening on <url>` (or `{"listening": url}` under --format json: the same words in every language) and
 * waits for a signal; then notes `stopping(signal)`, closes the server and runs `cleanup`.
 * @example await serveUntilSignal(server, (s) => t("cli.serve.stopping", { signal: s }), () => session.close());
 */
export async function serveUntilSignal(
  server: { url: string; close(): Promise<void> },
  stopping: (signal: string) => string,
  cleanup: () => Promise<void>,
): Promise<void> {
  const stopped = new Promise<void>((done) => {
    const stop = (signal: string) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      note(stopping(signal));
      void server.close().then(cleanup).finally(done);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  process.stdout.write(
    jsonOutput() ? `${JSON.stringify({ listening: server.url })}\n` : `listening on ${server.url}\n`,
  );
  await stopped;
  process.exitCode = ExitCode.ok;
}
