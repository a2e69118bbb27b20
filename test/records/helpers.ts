import { KefuKpiError, type Issue } from "../../src/errors.js";

/** Runs `fn`: its result, or the issues of the KefuKpiError it throws (any other error fails the test). */
export function safeRun<T>(fn: () => T): { success: true; data: T } | { success: false; issues: readonly Issue[] } {
  try {
    return { success: true, data: fn() };
  } catch (error) {
    if (error instanceof KefuKpiError) return { success: false, issues: error.issues };
    throw error;
  }
}
