import { describe, expect, it } from "vitest";
import { withLanguage } from "../i18n/index.js";
import { ARTICLES, type ArticleId, cite } from "./articles.js";

const ko = <T>(fn: () => T): T => withLanguage("ko", fn);
const LAW_KO = { PIPA: "개인정보 보호법", CIA: "신용정보법", GDPR: "GDPR", Guidance: "가이드라인" } as const;

describe("articles", () => {
  it("cite the statutes in Korean as a Korean compliance team writes them", () => {
    const expected: Partial<Record<ArticleId, string>> = {
      pipa15_4: "개인정보 보호법 제15조제1항제4호",
      pipa15_6: "개인정보 보호법 제15조제1항제6호",
      pipa17: "개인정보 보호법 제17조제1항",
      pipa17_2: "개인정보 보호법 제17조제1항제2호",
      pipa17n: "개인정보 보호법 제17조제2항",
      pipa26e: "개인정보 보호법 제26조제5항",
      pipa28_2: "개인정보 보호법 제28조의2",
      pipa28_8: "개인정보 보호법 제28조의8제1항",
      pipa28_8n: "개인정보 보호법 제28조의8제2항",
      cia17: "신용정보법 제17조",
      cia32: "신용정보법 제32조제1항",
      cia32e: "신용정보법 제32조제6항",
      cia40_2: "신용정보법 제40조의2",
      gdpr6f: "GDPR 제6조제1항(f)",
      gdpr28: "GDPR 제28조제3항, 제28조제10항",
      gdpr44: "GDPR 제44조부터 제46조까지, 제49조",
    };
    ko(() => {
      for (const [id, citation] of Object.entries(expected))
        expect(cite(ARTICLES[id as ArticleId]), id).toBe(citation);
    });
  });

  it("say what Art. 17(1)2 refers to in the current PIPA: Art. 15(1)2, 3 and 5 to 7, not contract necessity", () => {
    expect(ARTICLES.pipa17_2.title).toMatch(/Art\. 15\(1\)2, 3 and 5 to 7/);
    expect(ARTICLES.pipa17_2.title).toMatch(/contract necessity, Art\. 15\(1\)4, is not among them/);
    ko(() => {
      expect(ARTICLES.pipa17_2.title).toMatch(/제15조제1항제2호·제3호 및 제5호부터 제7호까지/);
      expect(ARTICLES.pipa17_2.title).toMatch(/제4호는 포함되지 않음/);
    });
  });

  it("give every article a Korean citation and title, and keep id, law and reference stable", () => {
    for (const [id, article] of Object.entries(ARTICLES)) {
      const english = { id: article.id, law: article.law, ref: article.ref, title: article.title };
      expect(article.id).toBe(id);
      expect(article.citation).toBe(`${article.law} ${article.ref}`);
      ko(() => {
        expect(article.citation.startsWith(`${LAW_KO[article.law]} `), id).toBe(true);
        expect(article.title, id).toMatch(/[가-힣]/);
        // statutes are cited 제N조 (제N조의M, 제N항, 제N호), never in English
        if (article.law !== "Guidance") expect(article.citation, id).toMatch(/ 제\d+조/);
        expect(article.citation, id).not.toMatch(/Art\./);
        expect({ id: article.id, law: article.law, ref: article.ref }).toEqual({
          id: english.id,
          law: english.law,
          ref: english.ref,
        });
        expect(article.title).not.toBe(english.title);
      });
    }
  });

  it("serialise with the language in force", () => {
    const en = JSON.parse(JSON.stringify(ARTICLES.cia32));
    const kr = ko(() => JSON.parse(JSON.stringify(ARTICLES.cia32)));
    expect(en).toMatchObject({ id: "cia32", law: "CIA", ref: "Art. 32(1)", citation: "CIA Art. 32(1)" });
    expect(kr).toMatchObject({
      id: "cia32",
      law: "CIA",
      ref: "Art. 32(1)",
      citation: "신용정보법 제32조제1항",
    });
    expect(kr.title).toBe("개인신용정보를 제공할 때마다 미리 개별적으로 받는 동의");
  });
});
