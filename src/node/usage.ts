/** Bad usage of the command line (exit code 2), as opposed to bad data (exit code 1). */
export class UsageError extends Error {}
