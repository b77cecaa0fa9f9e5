// the dashboard's words: i18next over the web area of the shared catalogue (src/i18n/messages/web.ts), Korean or
// English, chosen by the user or from the browser's languages; the choice is kept in this browser.
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { en, ko } from "../../src/i18n/messages/web.js";
import { keepLanguage, type Language, startLanguage } from "./early.js";

export type { Language } from "./early.js";

export function initI18n(): void {
  const lng = startLanguage();
  void i18next.use(initReactI18next).init({
    lng,
    fallbackLng: false,
    resources: { en: { translation: en }, ko: { translation: ko } },
    interpolation: { escapeValue: false },
    // a missing key shows as itself, which the browser test finds
    returnNull: false,
  });
  document.documentElement.lang = lng;
}

export function setLanguage(lang: Language): void {
  keepLanguage(lang);
  document.documentElement.lang = lang;
  void i18next.changeLanguage(lang);
}

// one formatter per language: toLocaleString builds one on every call, and a page of rows calls it hundreds of times
const numbers = {
  ko: new Intl.NumberFormat("ko-KR"),
  en: new Intl.NumberFormat("en-US"),
};

/** Numbers as the language writes them. */
export function formatNumber(n: number, lang: string): string {
  return (lang === "ko" ? numbers.ko : numbers.en).format(n);
}
