import { createRequire } from "node:module";
import { INTERNAL_ERROR, runCli } from "./runCli.js";

// Whatever happens, the user sees one line, never a stack trace: a reader that stops reading
// (`kefu-kpi report … | head`) ends the run quietly; anything unexpected is an internal error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  process.stderr.write(`kefu-kpi: cannot write to standard output (${error.code ?? error.message})\n`);
  process.exit(2);
});
for (const event of ["uncaughtException", "unhandledRejection"] as const) {
  process.on(event, (error: unknown) => {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    process.stderr.write(`kefu-kpi: internal error: ${message.split("\n")[0]}\n`);
    process.exit(INTERNAL_ERROR);
  });
}

const { version } = createRequire(import.meta.url)("../package.json") as { version: string };
process.exitCode = await runCli(process.argv.slice(2), undefined, version);
