// where the installed package's own files (examples) are: two folders above cli/ in both src/ and dist/.
import { fileURLToPath } from "node:url";

export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
