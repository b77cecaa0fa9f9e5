// the JikimiError a call throws, for tests that look at its code and message.
import { expect } from "vitest";
import { JikimiError } from "../../src/errors.js";

/** The error a call throws (fails the test when it does not throw). */
export function thrown(f: () => unknown): JikimiError {
  try {
    f();
  } catch (e) {
    if (e instanceof JikimiError) return e;
    throw e;
  }
  return expect.fail("expected a JikimiError");
}
