// The browser global bundle (`KefuKpi`): the root entry, with the renderers as `KefuKpi.render`,
// the schemas as `KefuKpi.schemas` and the spreadsheet adapter as `KefuKpi.sheets`.
// First, before any module builds a schema: zod in jitless mode (see jitless.ts).
import { zodJitless } from "./jitless.js";

export * from "./index.js";
export * as render from "./render/index.js";
export * as schemas from "./schemas.js";
export * as sheets from "./sheets/index.js";

// Keeps jitless.ts in the bundle (the package is marked free of side effects, so a bare import would be dropped).
if (!zodJitless()) throw new Error("kefu-kpi: zod is not in jitless mode");
