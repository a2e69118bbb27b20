// The browser global bundle (`KefuKpi`): the root entry, with the renderers as `KefuKpi.render`,
// the schemas as `KefuKpi.schemas` and the spreadsheet adapter as `KefuKpi.sheets`.
import * as z from "zod";

// Spreadsheet hosts and strict Content-Security-Policy pages forbid code generation. zod would
// probe `new Function` and compile its object parsers with it; the bundle's own copy of zod is told
// not to (jitless), so the bundle never generates code. (This configures only the zod inlined in
// this bundle; the npm entry points leave zod's configuration to the application.)
z.config({ jitless: true });

export * from "./index.js";
export * as render from "./render/index.js";
export * as schemas from "./schemas.js";
export * as sheets from "./sheets/index.js";
