// where the installed package's own files (examples) are: the package root, from src/, dist/ or the bundled CLI.
export { PACKAGE_ROOT } from "../public/base.js";
