import { describe, expect, it } from "vitest";
import { handoutUrl, lessonAtWidgetHref, pinnedParams, readHideLock, restorePinned, widgetParams } from "../src/course/handout";
import { parseRoute } from "../src/course/route";

const base = "https://dojo.example/course/index.html?x=1#/lessons/decoding";

describe("handoutUrl", () => {
  it("keeps only the widget's params, in the hash's order, then hide, lock and lang", () => {
    const hash = "#/lessons/decoding/beam?lang=ja&beam.width=3&sampler.temperature=2&beam.steps=4";
    expect(handoutUrl("decoding", "beam", { base, hash, hide: ["steps"], lock: ["width", "seed"], lang: "ja" })).toBe(
      "https://dojo.example/course/index.html?x=1#/handout/decoding/beam?beam.width=3&beam.steps=4&beam.hide=steps&beam.lock=width,seed&lang=ja",
    );
  });

  it("leaves lang out for English and the query out when there is nothing to carry", () => {
    expect(handoutUrl("tensors", "shape-lab", { base: "http://localhost:4173/", hash: "#/lessons/tensors", lang: "en" })).toBe(
      "http://localhost:4173/#/handout/tensors/shape-lab",
    );
  });

  it("takes hide and lock from the hash unless the options give them; [] removes them", () => {
    const hash = "#/lessons/decoding?beam.hide=k&beam.lock=width&beam.width=2";
    expect(handoutUrl("decoding", "beam", { base, hash, lang: "en" })).toBe(
      "https://dojo.example/course/index.html?x=1#/handout/decoding/beam?beam.width=2&beam.hide=k&beam.lock=width",
    );
    expect(handoutUrl("decoding", "beam", { base, hash, lang: "en", hide: [], lock: ["k"] })).toBe(
      "https://dojo.example/course/index.html?x=1#/handout/decoding/beam?beam.width=2&beam.lock=k",
    );
  });

  it("does not take a widget whose id merely starts the same", () => {
    expect(widgetParams("#/lessons/x?beam.a=1&beamer.a=2&beam=3", "beam").toString()).toBe("beam.a=1");
  });

  it("encodes values and reads back through the router", () => {
    const url = handoutUrl("decoding", "sampler", { base, hash: "#/lessons/decoding?sampler.prompt=the whale&sampler.seed=7", lang: "ja" });
    expect(url).toBe("https://dojo.example/course/index.html?x=1#/handout/decoding/sampler?sampler.prompt=the+whale&sampler.seed=7&lang=ja");
    expect(parseRoute(url.slice(url.indexOf("#")))).toEqual({ page: "handout", slug: "decoding", widget: "sampler" });
    expect(new URLSearchParams(url.split("?")[2]).get("sampler.prompt")).toBe("the whale");
  });
});

describe("readHideLock", () => {
  it("splits comma lists and trims blanks", () => {
    expect(readHideLock("#/handout/decoding/beam?beam.width=3&beam.hide=width,,seed&beam.lock= k ", "beam")).toEqual({ hide: ["width", "seed"], lock: ["k"] });
  });
  it("is empty without a query or for another widget", () => {
    expect(readHideLock("#/handout/decoding/beam", "beam")).toEqual({ hide: [], lock: [] });
    expect(readHideLock("#/x?other.hide=a", "beam")).toEqual({ hide: [], lock: [] });
  });
  it("reads the percent-encoded comma URLSearchParams writes", () => {
    expect(readHideLock("#/x?beam.hide=a%2Cb", "beam")).toEqual({ hide: ["a", "b"], lock: [] });
  });
});

describe("lessonAtWidgetHref", () => {
  it("keeps state and language, drops hide and lock, adds the section", () => {
    expect(lessonAtWidgetHref("decoding", "beam", "#/handout/decoding/beam?beam.width=3&beam.hide=k&beam.lock=width&lang=ja", "beam-search")).toBe(
      "#/lessons/decoding/beam-search?beam.width=3&lang=ja",
    );
    expect(lessonAtWidgetHref("tensors", "shape-lab", "#/handout/tensors/shape-lab")).toBe("#/lessons/tensors");
  });
});

describe("pinnedParams and restorePinned", () => {
  it("pins each hidden and locked field's value, null for a default", () => {
    expect(pinnedParams("#/handout/d/sp?sp.k=3&sp.t=2&sp.hide=p&sp.lock=k", "sp")).toEqual({ p: null, k: "3" });
    expect(pinnedParams("#/handout/d/sp?sp.k=3", "sp")).toEqual({});
  });
  it("puts back what a Reset removed, and removes what a Reset added", () => {
    // the widget's Reset wrote its defaults: sp.k gone, sp.t gone
    expect(restorePinned("#/handout/d/sp?sp.hide=p&sp.lock=k", "sp", { p: null, k: "3" })).toBe("#/handout/d/sp?sp.hide=p&sp.lock=k&sp.k=3");
    expect(restorePinned("#/handout/d/sp?sp.p=0.5&sp.k=3&sp.lock=k", "sp", { p: null, k: "3" })).toBe("#/handout/d/sp?sp.k=3&sp.lock=k");
  });
  it("is null when nothing pinned moved", () => {
    expect(restorePinned("#/handout/d/sp?sp.k=3&sp.t=2&sp.lock=k", "sp", { k: "3" })).toBeNull();
    expect(restorePinned("#/lessons/d", "sp", {})).toBeNull();
  });
});

import { localOnlyHost } from "../src/course/handout";
describe("localOnlyHost", () => {
  it("names hosts only this computer can open, and nothing for a room's network or a hosted copy", () => {
    expect(localOnlyHost("http://localhost:5173/#/handout/decoding/sp")).toBe("localhost:5173");
    expect(localOnlyHost("http://127.0.0.1:4173/#/x")).toBe("127.0.0.1:4173");
    expect(localOnlyHost("http://[::1]:4173/")).toBe("[::1]:4173");
    expect(localOnlyHost("http://192.168.1.20:4173/#/handout/decoding/sp")).toBeNull();
    expect(localOnlyHost("https://example.github.io/gpt-dojo/#/handout/a/b")).toBeNull();
    expect(localOnlyHost("not a url")).toBeNull();
  });
});
