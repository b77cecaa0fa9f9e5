// guard of the request: the mode released files, quarantine reports and manifests get must let the owner read them.
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { DEFAULT_OUTPUT_MODE } from "../../io/release-files.js";

/** The mode to write with; throws `bad_output_mode` for one that is not a file mode the owner can read. */
export function outputMode(mode: number = DEFAULT_OUTPUT_MODE): number {
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o777 || (mode & 0o400) === 0)
    throw new JikimiError(
      "bad_output_mode",
      t("engine.share.bad_output_mode", { mode: Number.isInteger(mode) ? mode.toString(8) : String(mode) }),
      { hint: t("engine.share.bad_output_mode_hint") },
    );
  return mode;
}
