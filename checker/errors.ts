/** A problem with what the user gave us (path, file, program, config): exit code 2, one line. */
export class InputError extends Error {}
