// the dashboard's entry, kept small: a tab opened with a token sends its first page's reads now (early.ts), while the
// browser fetches and compiles the rest (start.tsx: React, the catalogue, the shell), which index.html preloads.
import { readEarly, startLanguage, takeToken } from "./early.js";
import "./style.css";

const token = takeToken();
if (token !== null) readEarly(token, location.pathname, startLanguage());
void import("./start.js");
