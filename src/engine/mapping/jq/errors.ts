import { PortolanError } from "../../errors/portolan-error.js";

/** A jq program that does not compile; the message follows jq's wording ("syntax error, unexpected ..."). */
export class JqCompileError extends PortolanError {
  /** The error as the jq CLI prints it, with the source line and a caret under the offending text. */
  readonly jqText: string;

  constructor(message: string, source: string, line: number, column: number, length: number) {
    super("JQ_COMPILE", message, {
      where: { source: "jq program", line, column },
      hint: "fix the jq expression; jq's manual is at https://jqlang.org/manual/",
    });
    this.name = "JqCompileError";
    const srcLine = source.split("\n")[line - 1] ?? "";
    this.jqText = `jq: error: ${message} at <top-level>, line ${line}, column ${column}:\n    ${srcLine}\n    ${" ".repeat(Math.max(0, column - 1))}${"^".repeat(Math.max(1, length))}`;
  }
}

/** An error a jq program raised and did not catch; `value` is the error value (any JSON value). */
export class JqRuntimeError extends PortolanError {
  readonly value: unknown;

  constructor(message: string, value: unknown) {
    super("JQ_RUNTIME", message);
    this.name = "JqRuntimeError";
    this.value = value;
  }
}

/**
 * Raised inside evaluation. Deliberately not an Error subclass: `try`/`?` throw and catch these in hot
 * loops and capturing a stack trace each time would dominate the cost.
 */
export class JqThrow {
  constructor(readonly value: unknown) {}
}

/** `break $label` unwinds to the matching `label`; identity is the label instance, not its name. */
export class JqBreak {
  constructor(readonly label: object) {}
}

/** Internal compile-time failure with the span jq underlines (0-based offset), converted at the API edge. */
export class JqSyntaxError {
  constructor(
    readonly message: string,
    readonly pos: number,
    readonly length = 1,
  ) {}
}
